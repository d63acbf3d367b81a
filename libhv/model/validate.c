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

/* Where a check failed: the error, and the offset in HvDomain of the field
 * it is about, so that a caller can point at the setting that set it. */
typedef struct {
	GError **error;
	size_t offset;
} HvCheck;

#define F(field) offsetof(HvDomain, field)

static gboolean G_GNUC_PRINTF(4, 5)
fail(HvCheck *c, size_t offset, int code, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	g_autofree char *msg = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_set_error_literal(c->error, HV_ERROR, code, msg);
	c->offset = offset;
	return FALSE;
}

static gboolean
check_identity(const HvDomain *d, HvCheck *c)
{
	if (!d->name)
		return fail(c, F(name), HV_ERROR_INVALID, _("the domain has no name"));
	if (d->type == HV_DOMAIN_TYPE_UNSET)
		return fail(c, F(type), HV_ERROR_INVALID, _("the domain has no type (hvm or pvh)"));
	if (d->type == HV_DOMAIN_TYPE_PVH && d->accel == HV_ACCEL_TCG)
		return fail(c, F(accel), HV_ERROR_UNSUPPORTED,
		            _("pvh domains run on hv-vmm, which needs KVM: accel tcg is for hvm domains"));
	return TRUE;
}

static gboolean
check_sizes(const HvDomain *d, HvCheck *c)
{
	if (d->vcpus.set && d->maxvcpus.set && d->vcpus.value > d->maxvcpus.value)
		return fail(c, F(vcpus), HV_ERROR_INVALID,
		            _("vcpus (%" G_GINT64_FORMAT ") is more than maxvcpus (%" G_GINT64_FORMAT ")"),
		            d->vcpus.value, d->maxvcpus.value);
	if (d->memory_kib.set && d->maxmem_kib.set && d->memory_kib.value > d->maxmem_kib.value)
		return fail(c, F(memory_kib), HV_ERROR_INVALID,
		            _("memory (%" G_GINT64_FORMAT " KiB) is more than maxmem (%" G_GINT64_FORMAT
		              " KiB)"),
		            d->memory_kib.value, d->maxmem_kib.value);
	gint64 max = hv_int_or(d->maxmem_kib, hv_int_or(d->memory_kib, 0));
	if (d->hotplug_memory_kib.set && d->hotplug_memory_kib.value < max)
		return fail(c, F(hotplug_memory_kib), HV_ERROR_INVALID, _("hotplug_memory is less than maxmem"));
	if (d->memory_slots.set != d->hotplug_memory_kib.set)
		return fail(c, F(memory_slots), HV_ERROR_INVALID,
		            _("hotplug_memory and memory_slots must be given together"));
	return TRUE;
}

static gboolean
check_cpus(const HvDomain *d, HvCheck *c)
{
	gint64 max = hv_int_or(d->maxvcpus, hv_int_or(d->vcpus, 1));
	for (guint i = 0; i < d->vcpu_pins->len; i++) {
		const HvVcpuPin *pin = g_ptr_array_index(d->vcpu_pins, i);
		if (!pin->vcpu.set || !pin->cpuset)
			return fail(c, F(vcpu_pins), HV_ERROR_INVALID, _("vcpu_pins[%u] needs vcpu and cpuset"), i);
		if (pin->vcpu.value >= max)
			return fail(c, F(vcpu_pins), HV_ERROR_INVALID,
			            _("vCPU %" G_GINT64_FORMAT " is pinned, but the domain has %" G_GINT64_FORMAT
			              " vCPUs"),
			            pin->vcpu.value, max);
	}
	const HvCpuTopology *t = &d->cpu.topology;
	if (t->sockets.set && t->cores.set && t->threads.set) {
		gint64 n = t->sockets.value * hv_int_or(t->dies, 1) * t->cores.value * t->threads.value;
		if (n != max)
			return fail(c, F(cpu.topology), HV_ERROR_INVALID,
			            _("the CPU topology has %" G_GINT64_FORMAT
			              " vCPUs, but the domain has %" G_GINT64_FORMAT),
			            n, max);
	}
	if (d->sched.cap.set && d->sched.cfs_quota.set)
		return fail(c, F(sched.cap), HV_ERROR_INVALID,
		            _("cap and cfs_quota both limit CPU time: give only one"));
	return TRUE;
}

static gboolean
check_boot(const HvDomain *d, HvCheck *c)
{
	const HvOs *os = &d->os;
	if ((os->ramdisk || os->cmdline) && !os->kernel)
		return fail(c, os->ramdisk ? F(os.ramdisk) : F(os.cmdline), HV_ERROR_INVALID, _("%s is given without a kernel"),
		            os->ramdisk ? "ramdisk" : "cmdline");
	return TRUE;
}

static gboolean
check_features(const HvDomain *d, HvCheck *c)
{
	const HvFeatures *f = &d->features;
	if (f->viridian_groups->len && f->viridian != HV_TRISTATE_DEFAULT)
		return fail(c, F(features.viridian), HV_ERROR_INVALID,
		            _("viridian is given both as on/off and as a list of groups: give one"));
	if (f->hyperv->len && (f->viridian_groups->len || f->viridian != HV_TRISTATE_DEFAULT))
		return fail(c, F(features.hyperv), HV_ERROR_INVALID,
		            _("viridian and hyperv both configure Hyper-V enlightenments: give only one"));
	return TRUE;
}

static gboolean
check_timers(const HvDomain *d, HvCheck *c)
{
	guint seen = 0;
	for (guint i = 0; i < d->clock.timers->len; i++) {
		const HvTimer *t = g_ptr_array_index(d->clock.timers, i);
		if (seen & (1u << t->name))
			return fail(c, F(clock.timers), HV_ERROR_INVALID, _("the timer %s is given twice"),
			            hv_enum_to_string(HV_ENUM_TIMER_NAME, t->name));
		seen |= 1u << t->name;
	}
	if (d->clock.timezone && d->clock.offset != HV_CLOCK_OFFSET_TIMEZONE)
		return fail(c, F(clock.timezone), HV_ERROR_INVALID, _("a clock timezone needs clock offset timezone"));
	return TRUE;
}

static gboolean
check_disks(const HvDomain *d, HvCheck *c)
{
	g_autoptr(GHashTable) vdevs = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < d->disks->len; i++) {
		const HvDisk *disk = g_ptr_array_index(d->disks, i);
		if (!g_hash_table_add(vdevs, disk->vdev))
			return fail(c, F(disks), HV_ERROR_INVALID, _("two disks are called %s"), disk->vdev);
		if (disk->target && !disk->script && disk->target[0] != '/')
			return fail(c, F(disks), HV_ERROR_INVALID,
			            _("disk %s: the target \"%s\" is not an absolute path (and no script "
			              "interprets it)"),
			            disk->vdev, disk->target);
		gboolean removable = disk->devtype == HV_DISK_DEVICE_CDROM ||
		                     disk->devtype == HV_DISK_DEVICE_FLOPPY;
		if (!disk->target && !removable)
			return fail(c, F(disks), HV_ERROR_INVALID,
			            _("disk %s has no target: only a cdrom or floppy can be empty"), disk->vdev);
	}
	return TRUE;
}

static gboolean
check_devices(const HvDomain *d, HvCheck *c)
{
	for (guint i = 0; i < d->pci->len; i++) {
		const HvPciDev *p = g_ptr_array_index(d->pci, i);
		if (!p->bdf == !p->name)
			return fail(c, F(pci), HV_ERROR_INVALID,
			            _("PCI device %u needs either a host address or a name, not both"), i);
		if (p->bdf && p->all_functions == HV_TRISTATE_YES && !g_str_has_suffix(p->bdf, ".0"))
			return fail(c, F(pci), HV_ERROR_INVALID,
			            _("PCI device %s: all functions are passed, so give function 0"), p->bdf);
	}
	for (guint i = 0; i < d->usbdevs->len; i++) {
		const HvUsbDev *u = g_ptr_array_index(d->usbdevs, i);
		gboolean by_addr = u->hostbus.set && u->hostaddr.set, by_id = u->vendor.set && u->product.set;
		if (by_addr == by_id)
			return fail(c, F(usbdevs), HV_ERROR_INVALID,
			            _("USB device %u needs either hostbus and hostaddr or vendor and product"), i);
	}
	return TRUE;
}

static gboolean
check_chardev(const HvCharDev *dev, const char *what, guint i, size_t offset, HvCheck *c)
{
	gboolean net = dev->type == HV_CHAR_TYPE_TCP || dev->type == HV_CHAR_TYPE_UDP;
	gboolean file = dev->type == HV_CHAR_TYPE_FILE || dev->type == HV_CHAR_TYPE_PIPE ||
	                dev->type == HV_CHAR_TYPE_UNIX;
	if (dev->type == HV_CHAR_TYPE_UNSET)
		return fail(c, offset, HV_ERROR_INVALID, _("%s %u has no type"), what, i);
	if (net != dev->port.set || (!net && dev->host))
		return fail(c, offset, HV_ERROR_INVALID, _("%s %u: a host and port are for tcp and udp only, "
		                                       "which need a port"), what, i);
	/* a unix channel may leave its path to the engine (as libvirt does) */
	gboolean made_up = dev->type == HV_CHAR_TYPE_UNIX && offset == F(channels);
	if (file != (dev->path != NULL) && !(made_up && !dev->path))
		return fail(c, offset, HV_ERROR_INVALID, _("%s %u: a path is for file, pipe and unix only, "
		                                       "which need one"), what, i);
	return TRUE;
}

static gboolean
check_chardevs(const HvDomain *d, HvCheck *c)
{
	for (guint i = 0; i < d->serials->len; i++) {
		if (!check_chardev(&((HvSerial *)g_ptr_array_index(d->serials, i))->source, "serial", i, F(serials), c))
			return FALSE;
	}
	for (guint i = 0; i < d->consoles->len; i++) {
		if (!check_chardev(&((HvConsole *)g_ptr_array_index(d->consoles, i))->source, "console", i, F(consoles), c))
			return FALSE;
	}
	for (guint i = 0; i < d->channels->len; i++) {
		if (!check_chardev(&((HvChannel *)g_ptr_array_index(d->channels, i))->source, "channel", i, F(channels), c))
			return FALSE;
	}
	return TRUE;
}

static gboolean
check_xen_options(const HvDomain *d, HvCheck *c)
{
	g_autoptr(GHashTable) keys = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < d->xen_options->len; i++) {
		const HvXenOption *o = g_ptr_array_index(d->xen_options, i);
		if (!g_hash_table_add(keys, o->key))
			return fail(c, F(xen_options), HV_ERROR_INVALID, _("xen_options: %s is given twice"), o->key);
		if (!hv__xl_check_xen_option(o->key, o->value, c->error)) {
			g_prefix_error(c->error, "xen_options[%u]: ", i);
			c->offset = F(xen_options);
			return FALSE;
		}
	}
	return hv__xl_check_device_xen_options(d, c->error);
}

/* hv-vmm runs pvh domains: a kernel and virtio-mmio devices, no firmware,
 * no display, no emulated PC devices. */
static gboolean
check_pvh(const HvDomain *d, HvCheck *c)
{
	if (d->type != HV_DOMAIN_TYPE_PVH)
		return TRUE;
	if (!d->os.kernel)
		return fail(c, F(type), HV_ERROR_INVALID,
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
		return fail(c, F(type), HV_ERROR_UNSUPPORTED,
		            _("pvh domains cannot have %s (hv-vmm provides a console, virtio disks and "
		              "network): use type hvm"),
		            what);
	return TRUE;
}

gboolean
hv__domain_validate_at(const HvDomain *domain, size_t *offset_r, GError **error)
{
	static gboolean (*const rules[])(const HvDomain *, HvCheck *) = {
		check_sizes, check_cpus, check_boot, check_features,
		check_timers, check_disks, check_devices, check_chardevs, check_xen_options, check_pvh,
	};
	HvCheck c = { error, (size_t)-1 };
	gboolean ok = check_identity(domain, &c) && hv__obj_check(&hv__domain_desc, domain, &c.offset, error);
	for (gsize i = 0; ok && i < G_N_ELEMENTS(rules); i++)
		ok = rules[i](domain, &c);
	if (offset_r)
		*offset_r = c.offset;
	return ok;
}

gboolean
hv_domain_validate(const HvDomain *domain, GError **error)
{
	return hv__domain_validate_at(domain, NULL, error);
}
