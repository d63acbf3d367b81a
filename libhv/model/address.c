/* Device addresses in hv's xl.cfg form: "TYPE/name=value/...", the type
 * first (empty when unset), then every set field by its model name. Walking
 * the descriptor keeps the form complete as fields are added. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "model/check.h"
#include "model/desc.h"

static void
append_field(GString *s, const HvFieldDesc *f, const void *fp)
{
	switch (f->kind) {
	case HV__F_INT: {
		gint64 v = ((const HvInt *)fp)->value;
		if (strcmp(f->name, "iobase") == 0)
			g_string_append_printf(s, "/%s=0x%" G_GINT64_MODIFIER "x", f->name, v);
		else
			g_string_append_printf(s, "/%s=%" G_GINT64_FORMAT, f->name, v);
		break;
	}
	case HV__F_BOOL:
		g_string_append_printf(s, "/%s=%s", f->name,
		                       *(const HvTristate *)fp == HV_TRISTATE_YES ? "on" : "off");
		break;
	case HV__F_STR:
		g_string_append_printf(s, "/%s=%s", f->name, *(char *const *)fp);
		break;
	default:
		break;
	}
}

char *
hv_address_to_string(const HvAddress *address)
{
	if (hv__obj_is_unset(&hv__address_desc, address))
		return NULL;
	GString *s = g_string_new(hv_enum_to_string(HV_ENUM_ADDRESS_TYPE, address->type));
	for (gsize i = 1; i < hv__address_desc.n_fields; i++) {
		const HvFieldDesc *f = &hv__address_desc.fields[i];
		const void *fp = HV__FIELD_PTR(address, f);
		if (!hv__field_is_unset(f, fp))
			append_field(s, f, fp);
	}
	return g_string_free(s, FALSE);
}

static gboolean
parse_field(const HvFieldDesc *f, const char *value, void *fp, GError **error)
{
	char *end = NULL;
	switch (f->kind) {
	case HV__F_INT:
		errno = 0;
		gint64 v = g_ascii_strtoll(value, &end, 0);
		if (errno || !*value || *end || !hv__check_int(f, v, error)) {
			if (error && !*error)
				g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("'%s' is not a number"), value);
			return FALSE;
		}
		*(HvInt *)fp = HV_INT(v);
		return TRUE;
	case HV__F_BOOL:
		if (strcmp(value, "on") != 0 && strcmp(value, "off") != 0) {
			g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("'%s' is not on or off"), value);
			return FALSE;
		}
		*(HvTristate *)fp = strcmp(value, "on") == 0 ? HV_TRISTATE_YES : HV_TRISTATE_NO;
		return TRUE;
	default:
		if (!hv__check_string(f->format, value, error))
			return FALSE;
		g_free(*(char **)fp);
		*(char **)fp = g_strdup(value);
		return TRUE;
	}
}

static gboolean
parse_item(const char *item, HvAddress *a, GError **error)
{
	const char *eq = strchr(item, '=');
	g_autofree char *name = g_strndup(item, eq ? (gsize)(eq - item) : strlen(item));
	for (gsize i = 1; eq && i < hv__address_desc.n_fields; i++) {
		const HvFieldDesc *f = &hv__address_desc.fields[i];
		if (strcmp(f->name, name) != 0)
			continue;
		if (parse_field(f, eq + 1, HV__FIELD_PTR(a, f), error))
			return TRUE;
		g_prefix_error(error, "%s: ", name);
		return FALSE;
	}
	g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("'%s' is not an address field"), item);
	return FALSE;
}

gboolean
hv_address_from_string(const char *s, HvAddress *address_r, GError **error)
{
	g_free(address_r->port);
	memset(address_r, 0, sizeof(*address_r));
	if (!*s) { /* g_strsplit would give no items at all */
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID, "%s",
		            _("an empty address (write TYPE/field=value/..., or leave the key out)"));
		return FALSE;
	}
	g_auto(GStrv) items = g_strsplit(s, "/", -1);
	int type = 0;
	if (*items[0] && !hv_enum_from_string(HV_ENUM_ADDRESS_TYPE, items[0], &type)) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID,
		            _("unknown address type '%s' (pci, drive, usb, virtio-serial, isa)"),
		            items[0]);
		return FALSE;
	}
	address_r->type = type;
	for (guint i = 1; items[i]; i++)
		if (!parse_item(items[i], address_r, error))
			return FALSE;
	return TRUE;
}
