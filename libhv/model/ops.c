/* new, free, copy and equal for every model type, by walking its field
 * descriptors (model/desc.h). */
#include "config.h"

#include <string.h>

#include "model/desc.h"

static void
free_element(gpointer p, const HvTypeDesc *desc)
{
	hv__obj_free(desc, p);
}

/* GPtrArray has one free function per array, without user data, so each
 * element type gets a small trampoline. */
#define ELEMENT_FREE(name, desc) \
	static void name(gpointer p) { free_element(p, &desc); }
ELEMENT_FREE(free_vcpu_pin, hv__vcpu_pin_desc)
ELEMENT_FREE(free_vcpu_sched, hv__vcpu_sched_desc)
ELEMENT_FREE(free_numa_memnode, hv__numa_memnode_desc)
ELEMENT_FREE(free_vnuma_node, hv__vnuma_node_desc)
ELEMENT_FREE(free_cpu_feature, hv__cpu_feature_desc)
ELEMENT_FREE(free_smbios_entry, hv__smbios_entry_desc)
ELEMENT_FREE(free_hyperv_feature, hv__hyperv_feature_desc)
ELEMENT_FREE(free_timer, hv__timer_desc)
ELEMENT_FREE(free_disk, hv__disk_desc)
ELEMENT_FREE(free_nic, hv__nic_desc)
ELEMENT_FREE(free_pci_dev, hv__pci_dev_desc)
ELEMENT_FREE(free_usb_dev, hv__usb_dev_desc)
ELEMENT_FREE(free_controller, hv__controller_desc)
ELEMENT_FREE(free_serial, hv__serial_desc)
ELEMENT_FREE(free_console, hv__console_desc)
ELEMENT_FREE(free_channel, hv__channel_desc)
ELEMENT_FREE(free_input, hv__input_desc)
ELEMENT_FREE(free_sound, hv__sound_desc)
ELEMENT_FREE(free_rng, hv__rng_desc)
ELEMENT_FREE(free_tpm, hv__tpm_desc)
ELEMENT_FREE(free_panic, hv__panic_desc)
ELEMENT_FREE(free_xen_option, hv__xen_option_desc)

static const struct {
	const HvTypeDesc *desc;
	GDestroyNotify free_func;
} element_free_funcs[] = {
	{ &hv__vcpu_pin_desc, free_vcpu_pin },
	{ &hv__vcpu_sched_desc, free_vcpu_sched },
	{ &hv__numa_memnode_desc, free_numa_memnode },
	{ &hv__vnuma_node_desc, free_vnuma_node },
	{ &hv__cpu_feature_desc, free_cpu_feature },
	{ &hv__smbios_entry_desc, free_smbios_entry },
	{ &hv__hyperv_feature_desc, free_hyperv_feature },
	{ &hv__timer_desc, free_timer },
	{ &hv__disk_desc, free_disk },
	{ &hv__nic_desc, free_nic },
	{ &hv__pci_dev_desc, free_pci_dev },
	{ &hv__usb_dev_desc, free_usb_dev },
	{ &hv__controller_desc, free_controller },
	{ &hv__serial_desc, free_serial },
	{ &hv__console_desc, free_console },
	{ &hv__channel_desc, free_channel },
	{ &hv__input_desc, free_input },
	{ &hv__sound_desc, free_sound },
	{ &hv__rng_desc, free_rng },
	{ &hv__tpm_desc, free_tpm },
	{ &hv__panic_desc, free_panic },
	{ &hv__xen_option_desc, free_xen_option },
};

GPtrArray *
hv__list_new(const HvTypeDesc *desc)
{
	for (gsize i = 0; i < G_N_ELEMENTS(element_free_funcs); i++) {
		if (element_free_funcs[i].desc == desc)
			return g_ptr_array_new_with_free_func(element_free_funcs[i].free_func);
	}
	g_return_val_if_reached(NULL);
}

static void
obj_init(const HvTypeDesc *desc, void *p)
{
	memset(p, 0, desc->size);
	for (gsize i = 0; i < desc->n_fields; i++) {
		const HvFieldDesc *f = &desc->fields[i];
		void *fp = HV__FIELD_PTR(p, f);
		if (f->kind == HV__F_STRUCT)
			obj_init(f->type, fp);
		else if (f->kind == HV__F_LIST)
			*(GPtrArray **)fp = hv__list_new(f->type);
		else if (f->kind == HV__F_STRV)
			*(GPtrArray **)fp = g_ptr_array_new_with_free_func(g_free);
	}
}

void *
hv__obj_new(const HvTypeDesc *desc)
{
	void *p = g_malloc(desc->size);
	obj_init(desc, p);
	return p;
}

static void
obj_clear(const HvTypeDesc *desc, void *p)
{
	for (gsize i = 0; i < desc->n_fields; i++) {
		const HvFieldDesc *f = &desc->fields[i];
		void *fp = HV__FIELD_PTR(p, f);
		switch (f->kind) {
		case HV__F_STR:
			g_clear_pointer((char **)fp, g_free);
			break;
		case HV__F_STRUCT:
			obj_clear(f->type, fp);
			break;
		case HV__F_OBJ:
			hv__obj_free(f->type, *(void **)fp);
			*(void **)fp = NULL;
			break;
		case HV__F_LIST:
		case HV__F_STRV:
			g_clear_pointer((GPtrArray **)fp, g_ptr_array_unref);
			break;
		default:
			break;
		}
	}
	memset(p, 0, desc->size);
}

void
hv__obj_free(const HvTypeDesc *desc, void *p)
{
	if (!p)
		return;
	obj_clear(desc, p);
	g_free(p);
}

static GPtrArray *
copy_list(const HvFieldDesc *f, const GPtrArray *src)
{
	GPtrArray *dst = f->kind == HV__F_LIST ? hv__list_new(f->type)
	                                       : g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; src && i < src->len; i++) {
		const void *e = g_ptr_array_index(src, i);
		g_ptr_array_add(dst, f->kind == HV__F_LIST ? hv__obj_copy(f->type, e) : g_strdup(e));
	}
	return dst;
}

static void
obj_copy_into(const HvTypeDesc *desc, void *dst, const void *src)
{
	memcpy(dst, src, desc->size);
	for (gsize i = 0; i < desc->n_fields; i++) {
		const HvFieldDesc *f = &desc->fields[i];
		void *d = HV__FIELD_PTR(dst, f);
		const void *s = HV__FIELD_PTR(src, f);
		switch (f->kind) {
		case HV__F_STR:
			*(char **)d = g_strdup(*(char *const *)s);
			break;
		case HV__F_STRUCT:
			obj_copy_into(f->type, d, s);
			break;
		case HV__F_OBJ:
			*(void **)d = hv__obj_copy(f->type, *(void *const *)s);
			break;
		case HV__F_LIST:
		case HV__F_STRV:
			*(GPtrArray **)d = copy_list(f, *(GPtrArray *const *)s);
			break;
		default:
			break;
		}
	}
}

void *
hv__obj_copy(const HvTypeDesc *desc, const void *p)
{
	if (!p)
		return NULL;
	void *copy = g_malloc(desc->size);
	obj_copy_into(desc, copy, p);
	return copy;
}

static gboolean
lists_equal(const HvFieldDesc *f, const GPtrArray *a, const GPtrArray *b)
{
	guint na = a ? a->len : 0, nb = b ? b->len : 0;
	if (na != nb)
		return FALSE;
	for (guint i = 0; i < na; i++) {
		const void *x = g_ptr_array_index(a, i), *y = g_ptr_array_index(b, i);
		if (f->kind == HV__F_LIST ? !hv__obj_equal(f->type, x, y) : g_strcmp0(x, y) != 0)
			return FALSE;
	}
	return TRUE;
}

static gboolean
field_equal(const HvFieldDesc *f, const void *a, const void *b)
{
	switch (f->kind) {
	case HV__F_STR:
		return g_strcmp0(*(char *const *)a, *(char *const *)b) == 0;
	case HV__F_INT: {
		const HvInt *x = a, *y = b;
		return x->set == y->set && (!x->set || x->value == y->value);
	}
	case HV__F_BOOL:
	case HV__F_ENUM:
		return *(const int *)a == *(const int *)b;
	case HV__F_STRUCT:
		return hv__obj_equal(f->type, a, b);
	case HV__F_OBJ:
		return hv__obj_equal(f->type, *(void *const *)a, *(void *const *)b);
	case HV__F_LIST:
	case HV__F_STRV:
		return lists_equal(f, *(GPtrArray *const *)a, *(GPtrArray *const *)b);
	}
	return FALSE;
}

gboolean
hv__obj_equal(const HvTypeDesc *desc, const void *a, const void *b)
{
	if (!a || !b)
		return a == b;
	for (gsize i = 0; i < desc->n_fields; i++) {
		const HvFieldDesc *f = &desc->fields[i];
		if (!field_equal(f, HV__FIELD_PTR(a, f), HV__FIELD_PTR(b, f)))
			return FALSE;
	}
	return TRUE;
}

gboolean
hv__field_is_unset(const HvFieldDesc *f, const void *p)
{
	switch (f->kind) {
	case HV__F_STR:
	case HV__F_OBJ:
		return *(void *const *)p == NULL;
	case HV__F_INT:
		return !((const HvInt *)p)->set;
	case HV__F_BOOL:
	case HV__F_ENUM:
		return *(const int *)p == 0;
	case HV__F_STRUCT:
		return hv__obj_is_unset(f->type, p);
	case HV__F_LIST:
	case HV__F_STRV: {
		const GPtrArray *a = *(GPtrArray *const *)p;
		return !a || a->len == 0;
	}
	}
	return TRUE;
}

gboolean
hv__obj_is_unset(const HvTypeDesc *desc, const void *p)
{
	for (gsize i = 0; i < desc->n_fields; i++) {
		if (!hv__field_is_unset(&desc->fields[i], HV__FIELD_PTR(p, &desc->fields[i])))
			return FALSE;
	}
	return TRUE;
}
