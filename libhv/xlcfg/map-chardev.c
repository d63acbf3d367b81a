/* Character devices: serial = [ "pty", "unix:/run/s.sock,server,nowait" ]
 * in QEMU's syntax (xl hands these to QEMU), hv's console list in the same
 * syntax, and channel = [ "name=...,connection=socket,path=..." ]. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "model/check.h"
#include "xlcfg/chardev.h"
#include "xlcfg/devices.h"

/* "HOST:PORT", HOST may be empty or [v6]. */
static gboolean
parse_host_port(const char *text, HvCharDev *dev)
{
	const char *colon = strrchr(text, ':');
	guint64 port;
	if (!colon || !g_ascii_string_to_unsigned(colon + 1, 10, 0, 65535, &port, NULL))
		return FALSE;
	g_autofree char *host = g_strndup(text, colon - text);
	if (strcmp(host, "[]") == 0)
		; /* no host, as "tcp::PORT" */
	else if (host[0] == '[' && host[strlen(host) - 1] == ']')
		dev->host = g_strndup(host + 1, strlen(host) - 2);
	else if (*host && !strchr(host, ':'))
		dev->host = g_steal_pointer(&host);
	else if (*host)
		return FALSE;
	dev->port = HV_INT(port);
	return TRUE;
}

static gboolean
parse_backend(const char *item, HvCharDev *dev)
{
	const char *colon = strchr(item, ':');
	g_autofree char *type = colon ? g_strndup(item, colon - item) : g_strdup(item);
	if (!hv_enum_from_string(HV_ENUM_CHAR_TYPE, type, (int *)&dev->type))
		return FALSE;
	switch (dev->type) {
	case HV_CHAR_TYPE_PTY:
	case HV_CHAR_TYPE_NULL:
		return !colon;
	case HV_CHAR_TYPE_TCP:
	case HV_CHAR_TYPE_UDP:
		return colon && parse_host_port(colon + 1, dev);
	default:
		if (!colon || colon[1] != '/')
			return FALSE;
		dev->path = g_strdup(colon + 1);
		return TRUE;
	}
}

/* "server", "server=off", "nowait", "wait=on", "telnet", ... */
static gboolean
parse_switch(const char *opt, const char *name, const char *negated, HvTristate *out)
{
	size_t n = strlen(name);
	if (negated && strcmp(opt, negated) == 0) {
		*out = HV_TRISTATE_NO;
		return TRUE;
	}
	if (strncmp(opt, name, n) != 0 || (opt[n] && opt[n] != '='))
		return FALSE;
	if (!opt[n] || strcmp(opt + n + 1, "on") == 0)
		*out = HV_TRISTATE_YES;
	else if (strcmp(opt + n + 1, "off") == 0)
		*out = HV_TRISTATE_NO;
	else
		return FALSE;
	return TRUE;
}

static HvChardevResult
parse_option(const char *opt, HvCharDev *dev, gboolean hv_dialect)
{
	if (parse_switch(opt, "server", NULL, &dev->server) || parse_switch(opt, "wait", "nowait", &dev->wait) ||
	    parse_switch(opt, "telnet", NULL, &dev->telnet))
		return HV__CHARDEV_OK;
	gboolean is_log = g_str_has_prefix(opt, "logfile=") || g_str_has_prefix(opt, "logappend");
	if (is_log && !hv_dialect)
		return HV__CHARDEV_HV_ONLY;
	if (g_str_has_prefix(opt, "logfile=") && opt[8] == '/') {
		g_free(dev->log_file);
		dev->log_file = g_strdup(opt + 8);
		return HV__CHARDEV_OK;
	}
	if (parse_switch(opt, "logappend", NULL, &dev->log_append))
		return HV__CHARDEV_OK;
	return HV__CHARDEV_UNKNOWN;
}

gboolean
hv__chardev_parse(HvXlIn *in, HvCfgSetting *s, HvCfgValue *v, const char *text, HvCharDev *dev,
                  HvChardevExtra extra, void *data, GError **error)
{
	g_auto(GStrv) items = g_strsplit(text, ",", -1);
	if (!items[0] || !parse_backend(items[0], dev))
		return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error,
		                   _("\"%s\" is not a character device hv can provide (pty, null, "
		                     "file:PATH, pipe:PATH, unix:PATH, tcp:HOST:PORT, udp:HOST:PORT)"),
		                   text);
	for (int i = 1; items[i]; i++) {
		HvChardevResult r = parse_option(items[i], dev, in->dialect == HV_XLCFG_HV);
		if (r == HV__CHARDEV_UNKNOWN && extra)
			r = extra(in, items[i], data);
		if (r == HV__CHARDEV_HV_ONLY)
			return hv__xl_fail(in, s, v, HV_ERROR_UNSUPPORTED, error,
			                   _("\"%s\" is a setting of hv's xl.cfg dialect, not of Xen's"),
			                   items[i]);
		if (r != HV__CHARDEV_OK)
			return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error,
			                   _("\"%s\": unknown character device option \"%s\""), text, items[i]);
	}
	GError *local = NULL;
	if (!hv__obj_check(&hv__serial_desc, &(HvSerial){ .source = *dev }, NULL, &local)) {
		hv__xl_fail(in, s, v, HV_ERROR_INVALID, error, "%s", local->message);
		g_error_free(local);
		return FALSE;
	}
	return TRUE;
}

static void
add_switch(GString *out, const char *name, HvTristate t)
{
	if (t != HV_TRISTATE_DEFAULT)
		g_string_append_printf(out, ",%s%s", name, t == HV_TRISTATE_YES ? "" : "=off");
}

/* The syntax splits at commas: a path or host with one cannot be written. */
static gboolean
check_no_comma(const char *what, const char *s, GError **error)
{
	if (!s || !strchr(s, ','))
		return TRUE;
	g_set_error(error, HV_ERROR, HV_ERROR_INVALID,
	            _("the character device %s \"%s\" cannot be written in xl.cfg: it contains a comma"),
	            what, s);
	return FALSE;
}

char *
hv__chardev_format(HvXlOut *out, const HvCharDev *dev, GError **error)
{
	if (dev->type == HV_CHAR_TYPE_UNSET) {
		g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("a character device has no type"));
		return NULL;
	}
	if (!check_no_comma("path", dev->path, error) || !check_no_comma("host", dev->host, error) ||
	    !check_no_comma("log file", dev->log_file, error))
		return NULL;
	GString *text = g_string_new(hv_enum_to_string(HV_ENUM_CHAR_TYPE, dev->type));
	if (dev->type == HV_CHAR_TYPE_TCP || dev->type == HV_CHAR_TYPE_UDP) {
		gboolean v6 = dev->host && strchr(dev->host, ':');
		g_string_append_printf(text, ":%s%s%s:%" G_GINT64_FORMAT, v6 ? "[" : "",
		                       dev->host ? dev->host : "", v6 ? "]" : "", hv_int_or(dev->port, 0));
	} else if (dev->path) {
		g_string_append_printf(text, ":%s", dev->path);
	}
	add_switch(text, "server", dev->server);
	if (dev->wait != HV_TRISTATE_DEFAULT)
		g_string_append(text, dev->wait == HV_TRISTATE_YES ? ",wait" : ",nowait");
	add_switch(text, "telnet", dev->telnet);
	if ((dev->log_file || dev->log_append) && !hv__xl_hv_only(out, "character device log", "logfile=",
	                                                          error)) {
		g_string_free(text, TRUE);
		return NULL;
	}
	if (dev->log_file)
		g_string_append_printf(text, ",logfile=%s", dev->log_file);
	add_switch(text, "logappend", dev->log_append);
	return g_string_free(text, FALSE);
}
