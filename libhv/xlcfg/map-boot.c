/* Boot settings: cmdline (or root + extra), firmware and bios, boot order,
 * smbios strings. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "model/names.h"
#include "xlcfg/keys.h"

HV__XL_PARSER(cmdline)
{
	HvCfgSetting *root = hv__cfg_lookup(in->cfg, "root"), *extra = hv__cfg_lookup(in->cfg, "extra");
	const char *r = NULL, *e = NULL, *c = NULL;
	(void)k;
	if ((root && !hv__xl_get_atom(in, root, root->value, &r, error)) ||
	    (extra && !hv__xl_get_atom(in, extra, extra->value, &e, error)) ||
	    (s && !hv__xl_get_atom(in, s, s->value, &c, error)))
		return FALSE;
	if (c && (r || e))
		hv__xl_warn(in, s, _("root and extra are ignored in favour of cmdline, as xl does"));
	char *cmdline = c ? g_strdup(c)
	                : r && e ? g_strdup_printf("root=%s %s", r, e)
	                : r      ? g_strdup_printf("root=%s", r)
	                         : g_strdup(e);
	in->dom->os.cmdline = cmdline;
	if (in->was_pv && cmdline && strstr(cmdline, "/dev/xvd"))
		hv__xl_warn(in, s ? s : root ? root : extra,
		            _("the kernel command line names /dev/xvd* devices: a pvh guest sees its "
		              "disks as /dev/vd*"));
	return TRUE;
}

HV__XL_FORMATTER(cmdline)
{
	(void)error;
	if (out->dom->os.cmdline)
		hv__xl_emit_string(out, k->key, out->dom->os.cmdline);
	return TRUE;
}

static gboolean
parse_firmware_name(HvXlIn *in, HvCfgSetting *s, const char *name, gboolean bios_key,
                    GError **error)
{
	HvOs *os = &in->dom->os;
	if (strcmp(name, "seabios") == 0 || (!bios_key && strcmp(name, "bios") == 0))
		os->firmware = HV_FIRMWARE_BIOS;
	else if (strcmp(name, "ovmf") == 0 || (!bios_key && strcmp(name, "uefi") == 0))
		os->firmware = HV_FIRMWARE_UEFI;
	else if (strcmp(name, "rombios") == 0) {
		os->firmware = HV_FIRMWARE_BIOS;
		hv__xl_warn(in, s, _("ROMBIOS does not exist on KVM; SeaBIOS is used instead"));
	} else if (!bios_key && name[0] == '/') {
		g_free(os->loader);
		os->loader = g_strdup(name);
	} else {
		return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error,
		                   bios_key ? _("\"%s\" is not seabios, ovmf or rombios")
		                            : _("\"%s\" is not bios, uefi, seabios, ovmf or an absolute path"),
		                   name);
	}
	return TRUE;
}

/* firmware: for hvm a firmware name or file; for PV, pvgrub. */
HV__XL_PARSER(firmware)
{
	const char *name;
	(void)k;
	if (!hv__xl_get_atom(in, s, s->value, &name, error))
		return FALSE;
	if (g_str_has_prefix(name, "pvgrub"))
		return hv__xl_fail(in, s, s->value, HV_ERROR_UNSUPPORTED, error,
		                   _("hv cannot run pvgrub: give the guest's kernel and initrd as kernel "
		                     "and ramdisk instead (the guest then runs as pvh)"));
	return parse_firmware_name(in, s, name, FALSE, error);
}

HV__XL_PARSER(bios)
{
	const char *name;
	(void)k;
	if (!s)
		return TRUE;
	return hv__xl_get_atom(in, s, s->value, &name, error) &&
	       parse_firmware_name(in, s, name, TRUE, error);
}

HV__XL_FORMATTER(bios)
{
	(void)error;
	if (out->dom->os.firmware != HV_FIRMWARE_UNSET)
		hv__xl_emit_string(out, k->key, out->dom->os.firmware == HV_FIRMWARE_UEFI ? "ovmf" : "seabios");
	return TRUE;
}

/* boot = "cdn": c the disk, d the cdrom, n the network, a the floppy. */
static const char boot_letters[] = "cdna";
static const char *const boot_devices[] = { "hd", "cdrom", "network", "fd" };

HV__XL_PARSER(boot)
{
	const char *text;
	(void)k;
	if (!hv__xl_get_atom(in, s, s->value, &text, error))
		return FALSE;
	for (const char *p = text; *p; p++) {
		const char *hit = strchr(boot_letters, *p);
		if (!hit)
			return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error,
			                   _("'%c' is not a boot device (c: disk, d: cdrom, n: network, a: "
			                     "floppy)"),
			                   *p);
		g_ptr_array_add(in->dom->os.boot, g_strdup(boot_devices[hit - boot_letters]));
	}
	return TRUE;
}

HV__XL_FORMATTER(boot)
{
	GPtrArray *boot = out->dom->os.boot;
	g_autoptr(GString) text = g_string_new(NULL);
	for (guint i = 0; i < boot->len; i++) {
		for (gsize j = 0; j < G_N_ELEMENTS(boot_devices); j++) {
			if (g_strcmp0(boot_devices[j], g_ptr_array_index(boot, i)) == 0)
				g_string_append_c(text, boot_letters[j]);
		}
	}
	if (text->len)
		hv__xl_emit_string(out, k->key, text->str);
	(void)error;
	return TRUE;
}

/* smbios = [ "KEY=VALUE", ... ] */
HV__XL_PARSER(smbios)
{
	g_autoptr(GPtrArray) items = NULL;
	(void)k;
	if (!hv__xl_get_strings(in, s, FALSE, &items, error))
		return FALSE;
	for (guint i = 0; i < items->len; i++) {
		const char *item = g_ptr_array_index(items, i), *eq = strchr(item, '=');
		HvCfgValue *v = g_ptr_array_index(s->value->items, i);
		g_autofree char *key = eq ? g_strndup(item, eq - item) : g_strdup(item);
		if (!eq || !eq[1])
			return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error,
			                   _("expected \"KEY=VALUE\" with a value, not \"%s\""), item);
		if (!hv__smbios_key_is_known(key, in->dialect == HV_XLCFG_XEN))
			return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error,
			                   _("\"%s\" is not an SMBIOS key (see xl.cfg(5))"), key);
		HvSmbiosEntry *e = hv_smbios_entry_new();
		e->key = g_steal_pointer(&key);
		e->value = g_strdup(eq + 1);
		g_ptr_array_add(in->dom->os.smbios, e);
	}
	return TRUE;
}

HV__XL_FORMATTER(smbios)
{
	GPtrArray *smbios = out->dom->os.smbios;
	GPtrArray *items = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < smbios->len; i++) {
		const HvSmbiosEntry *e = g_ptr_array_index(smbios, i);
		if (!hv__smbios_key_is_known(e->key, TRUE) &&
		    !hv__xl_hv_only(out, _("this SMBIOS string"), e->key, error)) {
			g_ptr_array_unref(items);
			return FALSE;
		}
		g_ptr_array_add(items, g_strdup_printf("%s=%s", e->key, e->value));
	}
	if (items->len)
		hv__xl_emit_strings(out, k->key, items);
	else
		g_ptr_array_unref(items);
	return TRUE;
}
