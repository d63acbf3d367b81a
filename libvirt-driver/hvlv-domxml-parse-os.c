/* hvlv-domxml-parse-os: <os>, <sysinfo>, <features> and <clock>. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-domxml-private.h"
#include "hvlv-domxml-tables.h"
#include "hvlv-error.h"

static gboolean
parse_os_type(HvlvXmlIn *in, xmlNode *os, HvDomain *d, GError **error)
{
	xmlNode *type = hvlv_xin_child(in, os, "type");
	g_autofree char *text = hvlv_xin_text(type);
	if (!text) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("an os <type> must be specified"));
		return FALSE;
	}
	if (strcmp(text, "hvm") != 0) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("<type>%s</type> is not supported by hv: only hvm guests"), text);
		return FALSE;
	}
	d->arch = g_strdup(hvlv_xin_attr(in, type, "arch"));
	if (d->arch && strcmp(d->arch, "x86_64") != 0 && strcmp(d->arch, "i686") != 0)
		return hvlv_domxml_unsupported(type, "arch", d->arch, error);
	const char *machine = hvlv_xin_attr(in, type, "machine");
	if (!machine || strcmp(machine, "pvh") != 0) {
		d->machine = g_strdup(machine);
		return TRUE;
	}
	if (d->accel != HV_ACCEL_KVM) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("machine 'pvh' runs on hv-vmm, which needs <domain type='kvm'>"));
		return FALSE;
	}
	d->type = HV_DOMAIN_TYPE_PVH;
	return TRUE;
}

static gboolean
parse_os_firmware(HvlvXmlIn *in, xmlNode *os, HvOs *o, GError **error)
{
	const char *firmware = hvlv_xin_attr(in, os, "firmware");
	if (firmware && strcmp(firmware, "efi") == 0)
		o->firmware = HV_FIRMWARE_UEFI;
	else if (firmware && strcmp(firmware, "bios") == 0)
		o->firmware = HV_FIRMWARE_BIOS;
	else if (firmware)
		return hvlv_domxml_unsupported(os, "firmware", firmware, error);
	xmlNode *loader = hvlv_xin_child(in, os, "loader");
	xmlNode *nvram = hvlv_xin_child(in, os, "nvram");
	int type = 0;
	if (!hvlv_xin_bool(in, loader, "readonly", &o->loader_readonly, error) ||
	    !hvlv_xin_bool(in, loader, "secure", &o->loader_secure, error) ||
	    !hvlv_xin_enum(in, loader, "type", HV_ENUM_LOADER_TYPE, NULL, &type, error))
		return FALSE;
	o->loader_type = (HvLoaderType)type;
	o->loader = hvlv_xin_text(loader);
	if (o->loader && !*o->loader)
		g_clear_pointer(&o->loader, g_free);
	o->nvram = hvlv_xin_text(nvram);
	if (o->nvram && !*o->nvram)
		g_clear_pointer(&o->nvram, g_free);
	o->nvram_template = g_strdup(hvlv_xin_attr(in, nvram, "template"));
	return TRUE;
}

static gboolean
parse_os_boot(HvlvXmlIn *in, xmlNode *os, HvOs *o, GError **error)
{
	static const char *const devs[] = { "hd", "cdrom", "network", "fd", NULL };
	g_autoptr(GPtrArray) boots = hvlv_xin_children(in, os, "boot");
	for (guint i = 0; i < boots->len; i++) {
		const char *dev = hvlv_xin_attr(in, boots->pdata[i], "dev");
		if (!dev || !g_strv_contains(devs, dev)) {
			hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
			               _("unknown boot device '%s'"), dev ? dev : "");
			return FALSE;
		}
		g_ptr_array_add(o->boot, g_strdup(dev));
	}
	xmlNode *menu = hvlv_xin_child(in, os, "bootmenu");
	int smbios = 0;
	if (!hvlv_xin_bool(in, menu, "enable", &o->bootmenu, error) ||
	    !hvlv_xin_int(in, menu, "timeout", 0, 65535, &o->bootmenu_timeout, error) ||
	    !hvlv_xin_enum(in, hvlv_xin_child(in, os, "smbios"), "mode", HV_ENUM_SMBIOS_MODE, NULL,
	                   &smbios, error))
		return FALSE;
	o->smbios_mode = (HvSmbiosMode)smbios;
	o->kernel = hvlv_xin_text(hvlv_xin_child(in, os, "kernel"));
	o->ramdisk = hvlv_xin_text(hvlv_xin_child(in, os, "initrd"));
	o->cmdline = hvlv_xin_text(hvlv_xin_child(in, os, "cmdline"));
	return TRUE;
}

gboolean
hvlv_domxml_parse_os(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *os = hvlv_xin_child(in, root, "os");
	if (!os) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("an os <type> must be specified"));
		return FALSE;
	}
	return parse_os_type(in, os, d, error) && parse_os_firmware(in, os, &d->os, error) &&
	       parse_os_boot(in, os, &d->os, error);
}

/* <sysinfo type='smbios'>: every <entry> becomes an SMBIOS key (tables). */
static gboolean
parse_sysinfo(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *sysinfo = hvlv_xin_child(in, root, "sysinfo");
	if (!sysinfo)
		return TRUE;
	const char *type = hvlv_xin_attr(in, sysinfo, "type");
	if (!type || strcmp(type, "smbios") != 0)
		return hvlv_domxml_unsupported(sysinfo, "type", type ? type : "", error);
	for (const HvlvSmbiosKey *k = hvlv_smbios_keys; k->section; k++) {
		g_autoptr(GPtrArray) entries =
			hvlv_xin_children(in, hvlv_xin_child(in, sysinfo, k->section), "entry");
		for (guint i = 0; i < entries->len; i++) {
			const char *name = hvlv_xin_attr(in, entries->pdata[i], "name");
			if (k->entry && g_strcmp0(name, k->entry) != 0)
				continue;
			g_autoptr(HvSmbiosEntry) e = hv_smbios_entry_new();
			e->key = g_strdup(k->key);
			e->value = hvlv_xin_text(entries->pdata[i]);
			g_ptr_array_add(d->os.smbios, g_steal_pointer(&e));
		}
	}
	return TRUE;
}

/* Features that are on when present: <acpi/>, <apic/>, <pae/>. Absent
 * means off, as in libvirt. */
static void
parse_presence(HvlvXmlIn *in, xmlNode *features, const char *name, HvTristate *t)
{
	*t = HV_TRISTATE(hvlv_xin_child(in, features, name) != NULL);
}

/* Features with state='on|off' (on when the attribute is absent). */
static gboolean
parse_state(HvlvXmlIn *in, xmlNode *node, HvTristate *t, GError **error)
{
	if (!node)
		return TRUE;
	*t = HV_TRISTATE_YES;
	return hvlv_xin_bool(in, node, "state", t, error);
}

static gboolean
parse_hyperv(HvlvXmlIn *in, xmlNode *features, HvFeatures *f, GError **error)
{
	xmlNode *hyperv = hvlv_xin_child(in, features, "hyperv");
	const char *mode = hvlv_xin_attr(in, hyperv, "mode");
	if (mode && strcmp(mode, "custom") != 0)
		return hvlv_domxml_unsupported(hyperv, "mode", mode, error);
	for (guint i = 0; hyperv && hvlv_hyperv_names[i]; i++) {
		xmlNode *n = hvlv_xin_child(in, hyperv, hvlv_hyperv_names[i]);
		if (!n)
			continue;
		g_autoptr(HvHypervFeature) h = hv_hyperv_feature_new();
		h->name = g_strdup(hvlv_hyperv_names[i]);
		h->state = HV_TRISTATE_YES;
		if (!hvlv_xin_bool(in, n, "state", &h->state, error))
			return FALSE;
		h->value = g_strdup(hvlv_xin_attr(in, n, hvlv_hyperv_value_attr(h->name)));
		g_ptr_array_add(f->hyperv, g_steal_pointer(&h));
	}
	return TRUE;
}

static gboolean
parse_features(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *features = hvlv_xin_child(in, root, "features");
	HvFeatures *f = &d->features;
	parse_presence(in, features, "acpi", &f->acpi);
	parse_presence(in, features, "apic", &f->apic);
	parse_presence(in, features, "pae", &f->pae);
	if (!features)
		return TRUE;
	return parse_state(in, hvlv_xin_child(in, features, "hap"), &f->hap, error) &&
	       parse_state(in, hvlv_xin_child(in, features, "pmu"), &f->vpmu, error) &&
	       parse_state(in, hvlv_xin_child(in, features, "vmport"), &f->vmport, error) &&
	       parse_state(in, hvlv_xin_child(in, features, "pvspinlock"), &f->pvspinlock, error) &&
	       parse_state(in, hvlv_xin_child(in, features, "smm"), &f->smm, error) &&
	       parse_state(in, hvlv_xin_child(in, hvlv_xin_child(in, features, "kvm"), "hidden"),
	                   &f->kvm_hidden, error) &&
	       parse_hyperv(in, features, f, error);
}

static gboolean
parse_timer(HvlvXmlIn *in, xmlNode *node, HvClock *clock, GError **error)
{
	g_autoptr(HvTimer) t = hv_timer_new();
	int name = 0, tick = 0, track = 0, mode = 0;
	if (!hvlv_xin_enum(in, node, "name", HV_ENUM_TIMER_NAME, NULL, &name, error) ||
	    !hvlv_xin_bool(in, node, "present", &t->present, error) ||
	    !hvlv_xin_enum(in, node, "tickpolicy", HV_ENUM_TICK_POLICY, NULL, &tick, error) ||
	    !hvlv_xin_enum(in, node, "track", HV_ENUM_TIMER_TRACK, NULL, &track, error) ||
	    !hvlv_xin_enum(in, node, "mode", HV_ENUM_TIMER_MODE, NULL, &mode, error) ||
	    !hvlv_xin_int(in, node, "frequency", 1, G_MAXUINT32, &t->frequency, error))
		return FALSE;
	if (!name) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("missing timer name"));
		return FALSE;
	}
	t->name = (HvTimerName)name;
	t->tickpolicy = (HvTickPolicy)tick;
	t->track = (HvTimerTrack)track;
	t->mode = (HvTimerMode)mode;
	g_ptr_array_add(clock->timers, g_steal_pointer(&t));
	return TRUE;
}

static gboolean
parse_clock(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	xmlNode *clock = hvlv_xin_child(in, root, "clock");
	int offset = 0, basis = 0;
	if (!hvlv_xin_enum(in, clock, "offset", HV_ENUM_CLOCK_OFFSET, NULL, &offset, error) ||
	    !hvlv_xin_enum(in, clock, "basis", HV_ENUM_CLOCK_BASIS, NULL, &basis, error) ||
	    !hvlv_xin_int(in, clock, "adjustment", G_MININT32, G_MAXINT32, &d->clock.adjustment,
	                  error))
		return FALSE;
	d->clock.offset = (HvClockOffset)offset;
	d->clock.basis = (HvClockBasis)basis;
	d->clock.timezone = g_strdup(hvlv_xin_attr(in, clock, "timezone"));
	g_autoptr(GPtrArray) timers = hvlv_xin_children(in, clock, "timer");
	for (guint i = 0; i < timers->len; i++)
		if (!parse_timer(in, timers->pdata[i], &d->clock, error))
			return FALSE;
	return TRUE;
}

gboolean
hvlv_domxml_parse_platform(HvlvXmlIn *in, xmlNode *root, HvDomain *d, GError **error)
{
	return parse_sysinfo(in, root, d, error) && parse_features(in, root, d, error) &&
	       parse_clock(in, root, d, error);
}
