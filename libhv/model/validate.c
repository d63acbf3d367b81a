/* hv_domain_validate(): the field checks of check.c, then the rules that
 * tie fields together or depend on the domain's type. Each rule is one
 * small function; the table at the end runs them in order. */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "model/check.h"
#include "xlcfg/xlcheck.h"

static gboolean G_GNUC_PRINTF(3, 4)
fail(GError **error, int code, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	g_autofree char *msg = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_set_error_literal(error, HV_ERROR, code, msg);
	return FALSE;
}

static gboolean
check_identity(const HvDomain *d, GError **error)
{
	if (!d->name)
		return fail(error, HV_ERROR_INVALID, _("the domain has no name"));
	if (d->type == HV_DOMAIN_TYPE_UNSET)
		return fail(error, HV_ERROR_INVALID, _("the domain has no type (hvm or pvh)"));
	if (d->type == HV_DOMAIN_TYPE_PVH && d->accel == HV_ACCEL_TCG)
		return fail(error, HV_ERROR_UNSUPPORTED,
		            _("pvh domains run on hv-vmm, which needs KVM: accel tcg is for hvm domains"));
	return TRUE;
}

static gboolean
check_sizes(const HvDomain *d, GError **error)
{
	if (d->vcpus.set && d->maxvcpus.set && d->vcpus.value > d->maxvcpus.value)
		return fail(error, HV_ERROR_INVALID,
		            _("vcpus (%" G_GINT64_FORMAT ") is more than maxvcpus (%" G_GINT64_FORMAT ")"),
		            d->vcpus.value, d->maxvcpus.value);
	if (d->memory_kib.set && d->maxmem_kib.set && d->memory_kib.value > d->maxmem_kib.value)
		return fail(error, HV_ERROR_INVALID,
		            _("memory (%" G_GINT64_FORMAT " KiB) is more than maxmem (%" G_GINT64_FORMAT
		              " KiB)"),
		            d->memory_kib.value, d->maxmem_kib.value);
	gint64 max = hv_int_or(d->maxmem_kib, hv_int_or(d->memory_kib, 0));
	if (d->hotplug_memory_kib.set && d->hotplug_memory_kib.value < max)
		return fail(error, HV_ERROR_INVALID, _("hotplug_memory is less than maxmem"));
	if (d->memory_slots.set != d->hotplug_memory_kib.set)
		return fail(error, HV_ERROR_INVALID,
		            _("hotplug_memory and memory_slots must be given together"));
	return TRUE;
}

static gboolean
check_cpus(const HvDomain *d, GError **error)
{
	gint64 max = hv_int_or(d->maxvcpus, hv_int_or(d->vcpus, 1));
	for (guint i = 0; i < d->vcpu_pins->len; i++) {
		const HvVcpuPin *pin = g_ptr_array_index(d->vcpu_pins, i);
		if (!pin->vcpu.set || !pin->cpuset)
			return fail(error, HV_ERROR_INVALID, _("vcpu_pins[%u] needs vcpu and cpuset"), i);
		if (pin->vcpu.value >= max)
			return fail(error, HV_ERROR_INVALID,
			            _("vCPU %" G_GINT64_FORMAT " is pinned, but the domain has %" G_GINT64_FORMAT
			              " vCPUs"),
			            pin->vcpu.value, max);
	}
	const HvCpuTopology *t = &d->cpu.topology;
	if (t->sockets.set && t->cores.set && t->threads.set) {
		gint64 n = t->sockets.value * hv_int_or(t->dies, 1) * t->cores.value * t->threads.value;
		if (n != max)
			return fail(error, HV_ERROR_INVALID,
			            _("the CPU topology has %" G_GINT64_FORMAT
			              " vCPUs, but the domain has %" G_GINT64_FORMAT),
			            n, max);
	}
	if (d->sched.cap.set && d->sched.cfs_quota.set)
		return fail(error, HV_ERROR_INVALID,
		            _("cap and cfs_quota both limit CPU time: give only one"));
	return TRUE;
}

static gboolean
check_boot(const HvDomain *d, GError **error)
{
	const HvOs *os = &d->os;
	if ((os->ramdisk || os->cmdline) && !os->kernel)
		return fail(error, HV_ERROR_INVALID, _("%s is given without a kernel"),
		            os->ramdisk ? "ramdisk" : "cmdline");
	return TRUE;
}

static gboolean
check_features(const HvDomain *d, GError **error)
{
	const HvFeatures *f = &d->features;
	if (f->viridian_groups->len && f->viridian != HV_TRISTATE_DEFAULT)
		return fail(error, HV_ERROR_INVALID,
		            _("viridian is given both as on/off and as a list of groups: give one"));
	if (f->hyperv->len && (f->viridian_groups->len || f->viridian != HV_TRISTATE_DEFAULT))
		return fail(error, HV_ERROR_INVALID,
		            _("viridian and hyperv both configure Hyper-V enlightenments: give only one"));
	return TRUE;
}

static gboolean
check_timers(const HvDomain *d, GError **error)
{
	guint seen = 0;
	for (guint i = 0; i < d->clock.timers->len; i++) {
		const HvTimer *t = g_ptr_array_index(d->clock.timers, i);
		if (seen & (1u << t->name))
			return fail(error, HV_ERROR_INVALID, _("the timer %s is given twice"),
			            hv_enum_to_string(HV_ENUM_TIMER_NAME, t->name));
		seen |= 1u << t->name;
	}
	if (d->clock.timezone && d->clock.offset != HV_CLOCK_OFFSET_TIMEZONE)
		return fail(error, HV_ERROR_INVALID, _("a clock timezone needs clock offset timezone"));
	return TRUE;
}

static gboolean
check_disks(const HvDomain *d, GError **error)
{
	g_autoptr(GHashTable) vdevs = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < d->disks->len; i++) {
		const HvDisk *disk = g_ptr_array_index(d->disks, i);
		if (!g_hash_table_add(vdevs, disk->vdev))
			return fail(error, HV_ERROR_INVALID, _("two disks are called %s"), disk->vdev);
		if (disk->target && !disk->script && disk->target[0] != '/')
			return fail(error, HV_ERROR_INVALID,
			            _("disk %s: the target \"%s\" is not an absolute path (and no script "
			              "interprets it)"),
			            disk->vdev, disk->target);
		gboolean removable = disk->devtype == HV_DISK_DEVICE_CDROM ||
		                     disk->devtype == HV_DISK_DEVICE_FLOPPY;
		if (!disk->target && !removable)
			return fail(error, HV_ERROR_INVALID,
			            _("disk %s has no target: only a cdrom or floppy can be empty"), disk->vdev);
	}
	return TRUE;
}

static gboolean
check_devices(const HvDomain *d, GError **error)
{
	for (guint i = 0; i < d->pci->len; i++) {
		const HvPciDev *p = g_ptr_array_index(d->pci, i);
		if (!p->bdf == !p->name)
			return fail(error, HV_ERROR_INVALID,
			            _("PCI device %u needs either a host address or a name, not both"), i);
		if (p->bdf && p->all_functions == HV_TRISTATE_YES && !g_str_has_suffix(p->bdf, ".0"))
			return fail(error, HV_ERROR_INVALID,
			            _("PCI device %s: all functions are passed, so give function 0"), p->bdf);
	}
	for (guint i = 0; i < d->usbdevs->len; i++) {
		const HvUsbDev *u = g_ptr_array_index(d->usbdevs, i);
		gboolean by_addr = u->hostbus.set && u->hostaddr.set, by_id = u->vendor.set && u->product.set;
		if (by_addr == by_id)
			return fail(error, HV_ERROR_INVALID,
			            _("USB device %u needs either hostbus and hostaddr or vendor and product"), i);
	}
	return TRUE;
}

static gboolean
check_chardev(const HvCharDev *c, const char *what, guint i, GError **error)
{
	gboolean net = c->type == HV_CHAR_TYPE_TCP || c->type == HV_CHAR_TYPE_UDP;
	gboolean file = c->type == HV_CHAR_TYPE_FILE || c->type == HV_CHAR_TYPE_PIPE ||
	                c->type == HV_CHAR_TYPE_UNIX;
	if (c->type == HV_CHAR_TYPE_UNSET)
		return fail(error, HV_ERROR_INVALID, _("%s %u has no type"), what, i);
	if (net != c->port.set || (!net && c->host))
		return fail(error, HV_ERROR_INVALID, _("%s %u: a host and port are for tcp and udp only, "
		                                       "which need a port"), what, i);
	if (file != (c->path != NULL))
		return fail(error, HV_ERROR_INVALID, _("%s %u: a path is for file, pipe and unix only, "
		                                       "which need one"), what, i);
	return TRUE;
}

static gboolean
check_chardevs(const HvDomain *d, GError **error)
{
	for (guint i = 0; i < d->serials->len; i++) {
		if (!check_chardev(&((HvSerial *)g_ptr_array_index(d->serials, i))->source, "serial", i, error))
			return FALSE;
	}
	for (guint i = 0; i < d->consoles->len; i++) {
		if (!check_chardev(&((HvConsole *)g_ptr_array_index(d->consoles, i))->source, "console", i, error))
			return FALSE;
	}
	for (guint i = 0; i < d->channels->len; i++) {
		if (!check_chardev(&((HvChannel *)g_ptr_array_index(d->channels, i))->source, "channel", i, error))
			return FALSE;
	}
	return TRUE;
}

static gboolean
check_xen_options(const HvDomain *d, GError **error)
{
	g_autoptr(GHashTable) keys = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < d->xen_options->len; i++) {
		const HvXenOption *o = g_ptr_array_index(d->xen_options, i);
		if (!g_hash_table_add(keys, o->key))
			return fail(error, HV_ERROR_INVALID, _("xen_options: %s is given twice"), o->key);
		if (!hv__xl_check_xen_option(o->key, o->value, error)) {
			g_prefix_error(error, "xen_options[%u]: ", i);
			return FALSE;
		}
	}
	return hv__xl_check_device_xen_options(d, error);
}

/* hv-vmm runs pvh domains: a kernel and virtio-mmio devices, no firmware,
 * no display, no emulated PC devices. */
static gboolean
check_pvh(const HvDomain *d, GError **error)
{
	if (d->type != HV_DOMAIN_TYPE_PVH)
		return TRUE;
	if (!d->os.kernel)
		return fail(error, HV_ERROR_INVALID,
		            _("pvh domains boot a kernel directly: set kernel (or use type hvm to boot "
		              "from a disk)"));
	const char *what = NULL;
	if (d->os.firmware != HV_FIRMWARE_UNSET || d->os.loader)
		what = _("firmware");
	else if (d->vnc.enabled == HV_TRISTATE_YES || d->spice.enabled == HV_TRISTATE_YES)
		what = _("a graphical display");
	else if (d->pci->len)
		what = _("PCI passthrough");
	else if (d->sounds->len || d->usbdevs->len || d->usb == HV_TRISTATE_YES)
		what = d->sounds->len ? _("sound") : _("USB");
	if (what)
		return fail(error, HV_ERROR_UNSUPPORTED,
		            _("pvh domains have no %s (hv-vmm provides a console, virtio disks and "
		              "network): use type hvm"),
		            what);
	return TRUE;
}

gboolean
hv_domain_validate(const HvDomain *domain, GError **error)
{
	static gboolean (*const rules[])(const HvDomain *, GError **) = {
		check_sizes, check_cpus, check_boot, check_features,
		check_timers, check_disks, check_devices, check_chardevs, check_xen_options, check_pvh,
	};
	if (!check_identity(domain, error) || !hv__obj_check(&hv__domain_desc, domain, error))
		return FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS(rules); i++) {
		if (!rules[i](domain, error))
			return FALSE;
	}
	return TRUE;
}
