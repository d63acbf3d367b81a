/* serial, hv's console and channel settings. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "model/check.h"
#include "xlcfg/chardev.h"
#include "xlcfg/devices.h"
#include "xlcfg/keys.h"

/* "port=N" after a serial or console device (hv's dialect). */
static HvChardevResult
parse_port(HvXlIn *in, const char *opt, HvInt *port)
{
	guint64 n;
	if (!g_str_has_prefix(opt, "port=") || !g_ascii_string_to_unsigned(opt + 5, 10, 0, 31, &n, NULL))
		return HV__CHARDEV_UNKNOWN;
	if (in->dialect != HV_XLCFG_HV)
		return HV__CHARDEV_HV_ONLY;
	*port = HV_INT(n);
	return HV__CHARDEV_OK;
}

/* "target-type=WORD" or "target-model=WORD" (hv's dialect) into *FIELD. */
static HvChardevResult
parse_word(HvXlIn *in, const char *opt, const char *prefix, char **field)
{
	if (!g_str_has_prefix(opt, prefix) || !opt[strlen(prefix)])
		return HV__CHARDEV_UNKNOWN;
	if (in->dialect != HV_XLCFG_HV)
		return HV__CHARDEV_HV_ONLY;
	g_free(*field);
	*field = g_strdup(opt + strlen(prefix));
	return HV__CHARDEV_OK;
}

static HvChardevResult
serial_option(HvXlIn *in, const char *opt, void *data)
{
	HvSerial *serial = data;
	if (g_str_has_prefix(opt, "target-type="))
		return parse_word(in, opt, "target-type=", &serial->target_type);
	if (g_str_has_prefix(opt, "target-model="))
		return parse_word(in, opt, "target-model=", &serial->target_model);
	return parse_port(in, opt, &serial->port);
}

/* SERIAL's hv-only options after its device TEXT (taken). */
static char *
serial_with_options(HvXlOut *out, const HvSerial *serial, char *text, GError **error)
{
	g_autoptr(GString) s = g_string_new(text);
	g_free(text);
	if ((serial->port.set && !hv__xl_hv_only(out, "serial port number", "port=", error)) ||
	    ((serial->target_type || serial->target_model) &&
	     !hv__xl_hv_only(out, "serial target type and model", "target-type=", error)))
		return NULL;
	if (serial->port.set)
		g_string_append_printf(s, ",port=%" G_GINT64_FORMAT, serial->port.value);
	if (serial->target_type)
		g_string_append_printf(s, ",target-type=%s", serial->target_type);
	if (serial->target_model)
		g_string_append_printf(s, ",target-model=%s", serial->target_model);
	return g_string_free(g_steal_pointer(&s), FALSE);
}

static HvChardevResult
console_option(HvXlIn *in, const char *opt, void *data)
{
	HvConsole *console = data;
	if (g_str_has_prefix(opt, "target="))
		return hv_enum_from_string(HV_ENUM_CONSOLE_TARGET, opt + 7, (int *)&console->target)
		               ? HV__CHARDEV_OK
		               : HV__CHARDEV_UNKNOWN;
	return parse_port(in, opt, &console->port);
}

/* The values of S, which may be one string instead of a list (xl reads
 * serial = "pty" too). */
static GPtrArray *
values_of(HvCfgSetting *s)
{
	GPtrArray *values = g_ptr_array_new();
	if (!s->value->items)
		g_ptr_array_add(values, s->value);
	for (guint i = 0; s->value->items && i < s->value->items->len; i++)
		g_ptr_array_add(values, g_ptr_array_index(s->value->items, i));
	return values;
}

/* Reads each string of S as a character device (in QEMU's syntax, with
 * EXTRA's options) into a new object of type DESC appended to LIST. */
static gboolean
parse_chardevs(HvXlIn *in, HvCfgSetting *s, const HvTypeDesc *desc, GPtrArray *list,
               HvChardevExtra extra, GError **error)
{
	/* HvSerial and HvConsole start with their HvCharDev */
	G_STATIC_ASSERT(offsetof(HvSerial, source) == 0 && offsetof(HvConsole, source) == 0);
	g_autoptr(GPtrArray) values = values_of(s);
	for (guint i = 0; i < values->len; i++) {
		HvCfgValue *v = g_ptr_array_index(values, i);
		if (v->items)
			return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error, _("expected a string"));
		void *obj = hv__obj_new(desc);
		g_ptr_array_add(list, obj);
		if (!hv__chardev_parse(in, s, v, v->str, obj, extra, obj, error))
			return FALSE;
	}
	return TRUE;
}

gboolean
hv__xl_parse_serial(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s, GError **error)
{
	g_autoptr(GPtrArray) values = values_of(s);
	HvCfgValue *only = values->len == 1 ? g_ptr_array_index(values, 0) : NULL;
	(void)k;
	if (only && only->str && strcmp(only->str, "none") == 0)
		return TRUE; /* no serial port, as without the setting */
	return parse_chardevs(in, s, &hv__serial_desc, in->dom->serials, serial_option, error);
}

gboolean
hv__xl_format_serial(HvXlOut *out, const HvXlKey *k, GError **error)
{
	g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < out->dom->serials->len; i++) {
		const HvSerial *serial = g_ptr_array_index(out->dom->serials, i);
		char *text = hv__chardev_format(out, &serial->source, error);
		if (!text || !(text = serial_with_options(out, serial, text, error)))
			return FALSE;
		g_ptr_array_add(items, text);
	}
	if (items->len)
		hv__xl_emit_strings(out, k->key, g_steal_pointer(&items));
	return TRUE;
}

gboolean
hv__xl_parse_console(HvXlIn *in, const HvXlKey *k, HvCfgSetting *s, GError **error)
{
	(void)k;
	return parse_chardevs(in, s, &hv__console_desc, in->dom->consoles, console_option, error);
}

gboolean
hv__xl_format_console(HvXlOut *out, const HvXlKey *k, GError **error)
{
	g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < out->dom->consoles->len; i++) {
		const HvConsole *console = g_ptr_array_index(out->dom->consoles, i);
		g_autofree char *text = hv__chardev_format(out, &console->source, error);
		if (!text)
			return FALSE;
		GString *item = g_string_new(text);
		if (console->target)
			g_string_append_printf(item, ",target=%s",
			                       hv_enum_to_string(HV_ENUM_CONSOLE_TARGET, console->target));
		if (console->port.set)
			g_string_append_printf(item, ",port=%" G_GINT64_FORMAT, console->port.value);
		g_ptr_array_add(items, g_string_free(item, FALSE));
	}
	if (items->len == 0)
		return TRUE;
	if (!hv__xl_hv_only(out, "consoles", k->key, error))
		return FALSE;
	hv__xl_emit_strings(out, k->key, g_steal_pointer(&items));
	return TRUE;
}

/* channel's connection=: xl knows pty and socket (a unix socket); hv's
 * dialect takes the other character device types by name. */
static gboolean
parse_connection(HvSpecIn *in, const HvSpecKey *k, const char *value, GError **error)
{
	HvChannel *c = in->obj;
	(void)k;
	if (strcmp(value, "socket") == 0)
		c->source.type = HV_CHAR_TYPE_UNIX;
	else if (strcmp(value, "pty") == 0)
		c->source.type = HV_CHAR_TYPE_PTY;
	else if (in->xl->dialect != HV_XLCFG_HV ||
	         !hv_enum_from_string(HV_ENUM_CHAR_TYPE, value, (int *)&c->source.type))
		return hv__spec_fail(in, HV_ERROR_INVALID, error,
		                     _("connection: \"%s\" is not pty or socket"), value);
	return TRUE;
}

static gboolean
format_connection(HvSpecOut *out, const HvSpecKey *k, GError **error)
{
	const HvChannel *c = out->obj;
	(void)k;
	switch (c->source.type) {
	case HV_CHAR_TYPE_UNSET:
		return TRUE;
	case HV_CHAR_TYPE_UNIX:
		return hv__spec_add(out, "connection", "socket", error);
	case HV_CHAR_TYPE_PTY:
		return hv__spec_add(out, "connection", "pty", error);
	default:
		return hv__xl_hv_only(out->xl, "channel connection", "connection=", error) &&
		       hv__spec_add(out, "connection", hv_enum_to_string(HV_ENUM_CHAR_TYPE, c->source.type),
		                    error);
	}
}

#define K(key, kind, field, fl, p, f, note) \
	{ key, kind, offsetof(HvChannel, field), 0, fl, p, f, note }

static const HvSpecKey channel_keys[] = {
	K("name", HV__SK_STRING, name, 0, NULL, NULL, NULL),
	K("connection", HV__SK_CUSTOM, source.type, 0, parse_connection, format_connection, NULL),
	K("path", HV__SK_STRING, source.path, 0, NULL, NULL, NULL),
	K("host", HV__SK_STRING, source.host, HV__XF_HV, NULL, NULL, NULL),
	K("port", HV__SK_INT, source.port, HV__XF_HV, NULL, NULL, NULL),
	K("server", HV__SK_BOOL, source.server, HV__XF_HV, NULL, NULL, NULL),
	K("wait", HV__SK_BOOL, source.wait, HV__XF_HV, NULL, NULL, NULL),
	K("telnet", HV__SK_BOOL, source.telnet, HV__XF_HV, NULL, NULL, NULL),
	K("logfile", HV__SK_STRING, source.log_file, HV__XF_HV, NULL, NULL, NULL),
	K("logappend", HV__SK_BOOL, source.log_append, HV__XF_HV, NULL, NULL, NULL),
	HV__SPEC_ADDRESS_KEY(HvChannel),
	K("backend", HV__SK_XEN, xen_options, 0, NULL, NULL, N_("driver domains do not exist on KVM")),
};

const HvSpecType hv__channel_spec =
	HV__SPEC_TYPE("channel", hv__channel_desc, channel_keys, offsetof(HvChannel, xen_options), NULL, ",");
