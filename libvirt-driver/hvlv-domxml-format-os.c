/* hvlv-domxml-format-os: <sysinfo>, <os>, <features> and <clock>,
 * mirroring hvlv-domxml-parse-os.c. */
#include "config.h"

#include <string.h>

#include "hvlv-domxml-private.h"
#include "hvlv-domxml-tables.h"

static void
format_sysinfo(HvlvXmlOut *out, const HvOs *o)
{
	if (!o->smbios->len)
		return;
	hvlv_xout_push(out, "sysinfo");
	hvlv_xout_attr(out, "type", "smbios");
	const char *open = NULL;
	for (const HvlvSmbiosKey *k = hvlv_smbios_keys; k->section; k++) {
		for (guint i = 0; i < o->smbios->len; i++) {
			const HvSmbiosEntry *e = o->smbios->pdata[i];
			if (strcmp(e->key, k->key) != 0)
				continue;
			if (g_strcmp0(open, k->section) != 0) {
				if (open)
					hvlv_xout_pop(out);
				hvlv_xout_push(out, k->section);
				open = k->section;
			}
			hvlv_xout_push(out, "entry");
			hvlv_xout_attr(out, "name", k->entry);
			hvlv_xout_text(out, e->value);
			hvlv_xout_pop(out);
		}
	}
	if (open)
		hvlv_xout_pop(out);
	hvlv_xout_pop(out);
}

static void
format_os_loader(HvlvXmlOut *out, const HvOs *o)
{
	if (o->loader || o->loader_readonly || o->loader_type || o->loader_secure) {
		hvlv_xout_push(out, "loader");
		hvlv_xout_attr_bool(out, "readonly", o->loader_readonly, FALSE);
		hvlv_xout_attr_bool(out, "secure", o->loader_secure, FALSE);
		hvlv_xout_attr(out, "type", hv_enum_to_string(HV_ENUM_LOADER_TYPE, o->loader_type));
		if (o->loader)
			hvlv_xout_text(out, o->loader);
		hvlv_xout_pop(out);
	}
	if (o->nvram || o->nvram_template) {
		hvlv_xout_push(out, "nvram");
		hvlv_xout_attr(out, "template", o->nvram_template);
		if (o->nvram)
			hvlv_xout_text(out, o->nvram);
		hvlv_xout_pop(out);
	}
}

static void
format_os_boot(HvlvXmlOut *out, const HvOs *o)
{
	hvlv_xout_element(out, "kernel", o->kernel);
	hvlv_xout_element(out, "initrd", o->ramdisk);
	hvlv_xout_element(out, "cmdline", o->cmdline);
	for (guint i = 0; i < o->boot->len; i++) {
		hvlv_xout_push(out, "boot");
		hvlv_xout_attr(out, "dev", o->boot->pdata[i]);
		hvlv_xout_pop(out);
	}
	if (o->bootmenu || o->bootmenu_timeout.set) {
		hvlv_xout_push(out, "bootmenu");
		hvlv_xout_attr_bool(out, "enable", o->bootmenu, FALSE);
		hvlv_xout_attr_int(out, "timeout", o->bootmenu_timeout);
		hvlv_xout_pop(out);
	}
	if (o->smbios_mode) {
		hvlv_xout_push(out, "smbios");
		hvlv_xout_attr(out, "mode", hv_enum_to_string(HV_ENUM_SMBIOS_MODE, o->smbios_mode));
		hvlv_xout_pop(out);
	}
}

void
hvlv_domxml_format_os(HvlvXmlOut *out, const HvDomain *d)
{
	const HvOs *o = &d->os;
	format_sysinfo(out, o);
	hvlv_xout_push(out, "os");
	if (o->firmware == HV_FIRMWARE_UEFI)
		hvlv_xout_attr(out, "firmware", "efi");
	hvlv_xout_push(out, "type");
	hvlv_xout_attr(out, "arch", d->arch);
	hvlv_xout_attr(out, "machine", d->type == HV_DOMAIN_TYPE_PVH ? "pvh" : d->machine);
	hvlv_xout_text(out, "hvm");
	hvlv_xout_pop(out);
	format_os_loader(out, o);
	format_os_boot(out, o);
	hvlv_xout_pop(out);
}

static void
format_state(HvlvXmlOut *out, const char *name, HvTristate t)
{
	if (!t)
		return;
	hvlv_xout_push(out, name);
	hvlv_xout_attr_bool(out, "state", t, TRUE);
	hvlv_xout_pop(out);
}

static void
format_hyperv(HvlvXmlOut *out, const GPtrArray *hyperv)
{
	if (!hyperv->len)
		return;
	hvlv_xout_push(out, "hyperv");
	hvlv_xout_attr(out, "mode", "custom");
	for (guint i = 0; i < hyperv->len; i++) {
		const HvHypervFeature *h = hyperv->pdata[i];
		hvlv_xout_push(out, h->name);
		hvlv_xout_attr_bool(out, "state", h->state ? h->state : HV_TRISTATE_YES, TRUE);
		hvlv_xout_attr(out, hvlv_hyperv_value_attr(h->name), h->value);
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
}

void
hvlv_domxml_format_platform(HvlvXmlOut *out, const HvDomain *d)
{
	const HvFeatures *f = &d->features;
	hvlv_xout_push(out, "features");
	if (f->acpi == HV_TRISTATE_YES)
		hvlv_xout_element(out, "acpi", "");
	if (f->apic == HV_TRISTATE_YES)
		hvlv_xout_element(out, "apic", "");
	if (f->pae == HV_TRISTATE_YES)
		hvlv_xout_element(out, "pae", "");
	format_state(out, "hap", f->hap);
	format_hyperv(out, f->hyperv);
	if (f->kvm_hidden) {
		hvlv_xout_push(out, "kvm");
		format_state(out, "hidden", f->kvm_hidden);
		hvlv_xout_pop(out);
	}
	format_state(out, "pvspinlock", f->pvspinlock);
	format_state(out, "pmu", f->vpmu);
	format_state(out, "vmport", f->vmport);
	format_state(out, "smm", f->smm);
	hvlv_xout_pop(out);
}

void
hvlv_domxml_format_clock(HvlvXmlOut *out, const HvDomain *d)
{
	const HvClock *c = &d->clock;
	if (!c->offset && !c->basis && !c->adjustment.set && !c->timezone && !c->timers->len)
		return;
	hvlv_xout_push(out, "clock");
	hvlv_xout_attr(out, "offset", hv_enum_to_string(HV_ENUM_CLOCK_OFFSET, c->offset));
	hvlv_xout_attr_int(out, "adjustment", c->adjustment);
	hvlv_xout_attr(out, "basis", hv_enum_to_string(HV_ENUM_CLOCK_BASIS, c->basis));
	hvlv_xout_attr(out, "timezone", c->timezone);
	for (guint i = 0; i < c->timers->len; i++) {
		const HvTimer *t = c->timers->pdata[i];
		hvlv_xout_push(out, "timer");
		hvlv_xout_attr(out, "name", hv_enum_to_string(HV_ENUM_TIMER_NAME, t->name));
		hvlv_xout_attr(out, "tickpolicy", hv_enum_to_string(HV_ENUM_TICK_POLICY, t->tickpolicy));
		hvlv_xout_attr(out, "track", hv_enum_to_string(HV_ENUM_TIMER_TRACK, t->track));
		hvlv_xout_attr_int(out, "frequency", t->frequency);
		hvlv_xout_attr(out, "mode", hv_enum_to_string(HV_ENUM_TIMER_MODE, t->mode));
		hvlv_xout_attr_bool(out, "present", t->present, FALSE);
		hvlv_xout_pop(out);
	}
	hvlv_xout_pop(out);
}
