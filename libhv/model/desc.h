/* Field descriptors: the model described once, as data. new/free/copy/
 * equal, the JSON reader and writer, range checks and the round-trip test's
 * filler all walk these tables instead of repeating the field list. */
#pragma once

#include <stddef.h>

#include <hv/model.h>
#include <hv/store.h>

typedef enum {
	HV__F_STR,    /* char * */
	HV__F_INT,    /* HvInt */
	HV__F_BOOL,   /* HvTristate */
	HV__F_ENUM,   /* an enum of HvEnumId enum_id */
	HV__F_STRUCT, /* an embedded struct described by type */
	HV__F_OBJ,    /* a pointer to a struct described by type, NULL unset */
	HV__F_LIST,   /* GPtrArray of pointers to structs described by type */
	HV__F_STRV,   /* GPtrArray of char * */
} HvFieldKind;

/* What a string holds: validation checks it, the test filler makes one. */
typedef enum {
	HV__FMT_TEXT,    /* any UTF-8 text */
	HV__FMT_WORD,    /* a word without commas, '=', ':' or spaces */
	HV__FMT_PATH,    /* an absolute path without commas */
	HV__FMT_UUID,
	HV__FMT_MAC,
	HV__FMT_CPULIST, /* xl CPU list */
	HV__FMT_NODELIST,
	HV__FMT_INTLIST, /* "10,20" */
	HV__FMT_BDF,
	HV__FMT_NAME,    /* domain name */
	HV__FMT_HOST,    /* host name or address */
	HV__FMT_TARGET,  /* a disk target: a path, or anything its script reads */
	HV__FMT_RATE,    /* an xl vif rate, "10Mb/s@20ms" */
	HV__FMT_SMBIOS_KEY,
	HV__FMT_BOOT_DEVICE,
	HV__FMT_VIRIDIAN_GROUP,
	HV__FMT_HYPERV,
	HV__FMT_USB_PORT, /* a number or dotted hub ports, "1.2" */
} HvStrFormat;

typedef struct HvTypeDesc HvTypeDesc;

typedef struct {
	const char *name;        /* JSON and C name */
	HvFieldKind kind;
	size_t offset;
	HvEnumId enum_id;        /* HV__F_ENUM */
	const HvTypeDesc *type;  /* HV__F_STRUCT, HV__F_OBJ, HV__F_LIST */
	HvStrFormat format;      /* HV__F_STR, HV__F_STRV */
	gint64 min, max;         /* HV__F_INT; min == max == 0: any */
	gboolean required;       /* every object must set it */
} HvFieldDesc;

struct HvTypeDesc {
	const char *name;
	size_t size;
	const HvFieldDesc *fields;
	size_t n_fields;
};

/* The descriptors of the model's types (model/desc-*.c). */
extern const HvTypeDesc hv__domain_desc, hv__vcpu_pin_desc, hv__vcpu_sched_desc,
	hv__numa_memnode_desc, hv__vnuma_node_desc, hv__cpu_feature_desc, hv__smbios_entry_desc,
	hv__hyperv_feature_desc, hv__timer_desc, hv__disk_desc, hv__nic_desc, hv__pci_dev_desc,
	hv__usb_dev_desc, hv__controller_desc, hv__serial_desc, hv__console_desc, hv__channel_desc,
	hv__input_desc, hv__sound_desc, hv__rng_desc, hv__tpm_desc, hv__panic_desc,
	hv__xen_option_desc, hv__run_state_desc, hv__vnc_desc, hv__spice_desc, hv__video_desc,
	hv__watchdog_desc, hv__memballoon_desc, hv__genid_desc, hv__cpu_topology_desc,
	hv__address_desc;

/* Generic operations on an object of type DESC at P (model/ops.c). */
void *hv__obj_new(const HvTypeDesc *desc);
void hv__obj_free(const HvTypeDesc *desc, void *p);
void *hv__obj_copy(const HvTypeDesc *desc, const void *p);
gboolean hv__obj_equal(const HvTypeDesc *desc, const void *a, const void *b);
/* Whether field F at P (its address in the object) is unset. */
gboolean hv__field_is_unset(const HvFieldDesc *f, const void *p);
/* Whether every field of the object is unset. */
gboolean hv__obj_is_unset(const HvTypeDesc *desc, const void *p);

/* The address of field F of the object at P. */
#define HV__FIELD_PTR(p, f) ((void *)((char *)(p) + (f)->offset))

/* A new list for a field of kind HV__F_LIST of element type DESC. */
GPtrArray *hv__list_new(const HvTypeDesc *desc);

/* Descriptor table helpers. The _R variants mark a field every object of
 * the type must set (hv_domain_validate checks). */
#define HV__DESC(T, fields_array) \
	{ #T, sizeof(T), fields_array, G_N_ELEMENTS(fields_array) }
#define HV__F_(T, f, k, ...) { .name = #f, .kind = k, .offset = offsetof(T, f), __VA_ARGS__ }
#define HV__F_S(T, f, fmt) HV__F_(T, f, HV__F_STR, .format = fmt)
#define HV__F_S_R(T, f, fmt) HV__F_(T, f, HV__F_STR, .format = fmt, .required = TRUE)
#define HV__F_I(T, f, lo, hi) HV__F_(T, f, HV__F_INT, .min = lo, .max = hi)
#define HV__F_B(T, f) HV__F_(T, f, HV__F_BOOL, .format = 0)
#define HV__F_E(T, f, e) HV__F_(T, f, HV__F_ENUM, .enum_id = e)
#define HV__F_E_R(T, f, e) HV__F_(T, f, HV__F_ENUM, .enum_id = e, .required = TRUE)
#define HV__F_SUB(T, f, d) HV__F_(T, f, HV__F_STRUCT, .type = &d)
#define HV__F_O(T, f, d) HV__F_(T, f, HV__F_OBJ, .type = &d)
#define HV__F_L(T, f, d) HV__F_(T, f, HV__F_LIST, .type = &d)
#define HV__F_SV(T, f, fmt) HV__F_(T, f, HV__F_STRV, .format = fmt)

/* Number of values of enum ID, counting the unset 0. */
int hv__enum_count(HvEnumId id);
