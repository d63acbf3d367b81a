/* hvlv-domcaps: libvirt's domain capabilities XML, what one emulator,
 * machine and accelerator can give a guest. QEMU machines (hvm) and
 * hv-vmm's pvh machine differ: pvh has no firmware, display or PCI. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-caps.h"
#include "hvlv-error.h"
#include "hvlv-host.h"
#include "hvlv-xml.h"

/* What the caller asked for, defaults resolved. */
typedef struct {
	const char *qemu;       /* the emulator hvm guests run with */
	const char *path;
	const char *virttype;
	const char *machine;
	gboolean pvh;
	gint max_cpus;
} HvlvDomcapsQuery;

/* <enum name='NAME'><value>...</value></enum> from a NULL-terminated list. */
static void
format_enum(HvlvXmlOut *out, const char *name, const char *const *values)
{
	hvlv_xout_push(out, "enum");
	hvlv_xout_attr(out, "name", name);
	for (guint i = 0; values && values[i]; i++)
		hvlv_xout_element(out, "value", values[i]);
	hvlv_xout_pop(out);
}

static void
format_supported(HvlvXmlOut *out, const char *name, gboolean supported)
{
	hvlv_xout_push(out, name);
	hvlv_xout_attr(out, "supported", supported ? "yes" : "no");
}

static void
format_os(HvlvXmlOut *out, const HvlvDomcapsQuery *q)
{
	static const char *const loaders[] = {
		"/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd",
		"/usr/share/OVMF/OVMF_CODE_4M.ms.fd", "/usr/share/OVMF/OVMF_CODE.fd", NULL,
	};
	static const char *const yes_no[] = { "yes", "no", NULL };
	static const char *const types[] = { "rom", "pflash", NULL };
	g_autoptr(GPtrArray) present = g_ptr_array_new();
	for (guint i = 0; !q->pvh && loaders[i]; i++)
		if (g_file_test(loaders[i], G_FILE_TEST_EXISTS))
			g_ptr_array_add(present, (gpointer)loaders[i]);
	g_ptr_array_add(present, NULL);
	format_supported(out, "os", TRUE);
	static const char *const efi[] = { "efi", NULL };
	format_enum(out, "firmware", present->len > 1 ? efi : NULL);
	format_supported(out, "loader", !q->pvh);
	for (guint i = 0; present->pdata[i]; i++)
		hvlv_xout_element(out, "value", present->pdata[i]);
	if (!q->pvh) {
		format_enum(out, "type", types);
		format_enum(out, "readonly", yes_no);
		format_enum(out, "secure", yes_no);
	}
	hvlv_xout_pop(out);
	hvlv_xout_pop(out);
}

static void
format_cpu(HvlvXmlOut *out, const HvlvDomcapsQuery *q)
{
	static const char *const on_off[] = { "on", "off", NULL };
	gboolean kvm = strcmp(q->virttype, "kvm") == 0;
	hvlv_xout_push(out, "cpu");
	format_supported(out, "mode", kvm);
	hvlv_xout_attr(out, "name", "host-passthrough");
	if (kvm)
		format_enum(out, "hostPassthroughMigratable", on_off);
	hvlv_xout_pop(out);
	format_supported(out, "mode", TRUE);
	hvlv_xout_attr(out, "name", "maximum");
	format_enum(out, "maximumMigratable", on_off);
	hvlv_xout_pop(out);
	format_supported(out, "mode", FALSE);
	hvlv_xout_attr(out, "name", "host-model");
	hvlv_xout_pop(out);
	format_supported(out, "mode", !q->pvh);
	hvlv_xout_attr(out, "name", "custom");
	static const char *const models[][2] = {
		{ "qemu64", "unknown" }, { "qemu32", "unknown" }, { "kvm64", "unknown" },
		{ "Nehalem", "Intel" }, { "Haswell", "Intel" }, { "Skylake-Client", "Intel" },
		{ "EPYC", "AMD" },
	};
	for (gsize i = 0; !q->pvh && i < G_N_ELEMENTS(models); i++) {
		hvlv_xout_push(out, "model");
		hvlv_xout_attr(out, "usable", "unknown");
		hvlv_xout_attr(out, "vendor", models[i][1]);
		hvlv_xout_text(out, models[i][0]);
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
	hvlv_xout_pop(out);
}

static void
format_device_enums(HvlvXmlOut *out, const char *name, gboolean supported,
                    const char *const *const *enums, const char *const *enum_names)
{
	format_supported(out, name, supported);
	for (guint i = 0; supported && enum_names[i]; i++)
		format_enum(out, enum_names[i], enums[i]);
	hvlv_xout_pop(out);
}

static void
format_devices(HvlvXmlOut *out, const HvlvDomcapsQuery *q)
{
	static const char *const disk_devices[] = { "disk", "cdrom", "floppy", NULL };
	static const char *const disk_buses[] = { "ide", "scsi", "virtio", "usb", "sata", "fdc", NULL };
	static const char *const pvh_disk[] = { "disk", NULL }, *const pvh_bus[] = { "virtio", NULL };
	static const char *const graphics[] = { "vnc", "spice", NULL };
	static const char *const videos[] = { "vga", "cirrus", "qxl", "virtio", "bochs", "ramfb",
		                              "none", NULL };
	static const char *const hostdev_mode[] = { "subsystem", NULL };
	static const char *const hostdev_types[] = { "usb", "pci", NULL };
	static const char *const vfio[] = { "vfio", NULL };
	static const char *const rng[] = { "virtio", NULL }, *const random[] = { "random", NULL };
	static const char *const tpm_models[] = { "tpm-tis", "tpm-crb", NULL };
	static const char *const tpm_backends[] = { "passthrough", "emulator", NULL };
	static const char *const usb[] = { "usb", NULL };
	static const char *const channels[] = { "pty", "unix", "spicevmc", NULL };
	hvlv_xout_push(out, "devices");
	const char *const *disk[] = { q->pvh ? pvh_disk : disk_devices, q->pvh ? pvh_bus : disk_buses,
		                      NULL };
	format_device_enums(out, "disk", TRUE, disk,
	                    (const char *const[]){ "diskDevice", "bus", "model", NULL });
	format_device_enums(out, "graphics", !q->pvh, (const char *const *[]){ graphics },
	                    (const char *const[]){ "type", NULL });
	format_device_enums(out, "video", !q->pvh, (const char *const *[]){ videos },
	                    (const char *const[]){ "modelType", NULL });
	format_device_enums(out, "hostdev", !q->pvh,
	                    (const char *const *[]){ hostdev_mode, NULL, hostdev_types, NULL, vfio },
	                    (const char *const[]){ "mode", "startupPolicy", "subsysType", "capsType",
	                                           "pciBackend", NULL });
	format_device_enums(out, "rng", TRUE, (const char *const *[]){ rng, random },
	                    (const char *const[]){ "model", "backendModel", NULL });
	format_supported(out, "filesystem", FALSE);
	hvlv_xout_pop(out);
	format_device_enums(out, "tpm", !q->pvh, (const char *const *[]){ tpm_models, tpm_backends },
	                    (const char *const[]){ "model", "backendModel", NULL });
	format_device_enums(out, "redirdev", !q->pvh, (const char *const *[]){ usb },
	                    (const char *const[]){ "bus", NULL });
	format_device_enums(out, "channel", TRUE, (const char *const *[]){ channels },
	                    (const char *const[]){ "type", NULL });
	hvlv_xout_pop(out);
}

static void
format_features(HvlvXmlOut *out, const HvlvDomcapsQuery *q)
{
	hvlv_xout_push(out, "features");
	static const char *const unsupported[] = { "gic", "vmcoreinfo", NULL };
	for (guint i = 0; unsupported[i]; i++) {
		format_supported(out, unsupported[i], FALSE);
		hvlv_xout_pop(out);
	}
	format_supported(out, "genid", !q->pvh);
	hvlv_xout_pop(out);
	static const char *const last[] = { "backingStoreInput", "backup", "sev", NULL };
	for (guint i = 0; last[i]; i++) {
		format_supported(out, last[i], FALSE);
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
}

/* The machine MACHINE names (NULL: QEMU's default), canonical name in *Q. */
static gboolean
resolve_machine(const char *machine, HvlvDomcapsQuery *q, GError **error)
{
	if (machine && strcmp(machine, "pvh") == 0) {
		q->pvh = TRUE;
		q->machine = "pvh";
		q->max_cpus = hvlv_caps_pvh_max_vcpus();
		return TRUE;
	}
	const GPtrArray *machines = hvlv_caps_machines(q->qemu, error);
	for (guint i = 0; machines && i < machines->len; i++) {
		const HvlvMachine *m = machines->pdata[i];
		if (machine ? strcmp(m->name, machine) != 0 : !m->is_default)
			continue;
		q->machine = m->canonical ? m->canonical : m->name;
		q->max_cpus = m->max_cpus;
		return TRUE;
	}
	if (machines)
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
		               _("the machine '%s' is not supported by emulator '%s'"),
		               machine ? machine : "(default)", q->qemu);
	return FALSE;
}

static gboolean
resolve_query(const char *emulator, const char *arch, const char *machine, const char *virttype,
              HvlvDomcapsQuery *q, GError **error)
{
	if (arch && strcmp(arch, "x86_64") != 0) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
		               _("unable to find any emulator to serve '%s' architecture"), arch);
		return FALSE;
	}
	if (virttype && strcmp(virttype, "kvm") != 0 && strcmp(virttype, "qemu") != 0) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
		               _("unknown virttype: %s"), virttype);
		return FALSE;
	}
	if (!resolve_machine(machine, q, error))
		return FALSE;
	q->virttype = virttype ? virttype : q->pvh || hvlv_caps_kvm_usable() ? "kvm" : "qemu";
	q->path = q->pvh ? hvlv_caps_vmm_path() : q->qemu;
	if ((strcmp(q->virttype, "kvm") == 0 || q->pvh) && !hvlv_caps_kvm_usable()) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("KVM is not supported by '%s' on this host"), q->path);
		return FALSE;
	}
	if (q->pvh && strcmp(q->virttype, "kvm") != 0) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("machine 'pvh' runs on hv-vmm, which needs virttype 'kvm'"));
		return FALSE;
	}
	if (emulator && strcmp(emulator, q->path) != 0) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
		               _("emulator '%s' does not serve machine '%s' (use '%s')"), emulator,
		               q->machine, q->path);
		return FALSE;
	}
	return TRUE;
}

char *
hvlv_domcaps_format(const char *qemu, const char *emulator, const char *arch,
                    const char *machine, const char *virttype, unsigned int flags, GError **error)
{
	HvlvDomcapsQuery q = { .qemu = qemu };
	if (flags) {
		hvlv_set_error(error, HVLV_ERR_INVALID_ARG, HVLV_FROM_DRIVER,
		               _("unsupported flags (0x%x) in function %s"), flags,
		               "virConnectGetDomainCapabilities");
		return NULL;
	}
	if (!resolve_query(emulator, arch, machine, virttype, &q, error))
		return NULL;
	HvlvXmlOut *out = hvlv_xout_new();
	hvlv_xout_push(out, "domainCapabilities");
	hvlv_xout_element(out, "path", q.path);
	hvlv_xout_element(out, "domain", q.virttype);
	hvlv_xout_element(out, "machine", q.machine);
	hvlv_xout_element(out, "arch", "x86_64");
	hvlv_xout_push(out, "vcpu");
	hvlv_xout_attr_int(out, "max", HV_INT(q.max_cpus));
	hvlv_xout_pop(out);
	format_supported(out, "iothreads", FALSE);
	hvlv_xout_pop(out);
	format_os(out, &q);
	format_cpu(out, &q);
	format_devices(out, &q);
	format_features(out, &q);
	hvlv_xout_pop(out);
	return hvlv_xout_finish(out);
}
