/* hvlv-domxml-parse-chr: character devices (<serial>, <console>,
 * <channel>) and displays (<graphics>, SPICE's agent channel and USB
 * redirection). */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-domxml-private.h"
#include "hvlv-error.h"

/* The host side: <NODE type><source mode path host service/><protocol/><log/>. */
static gboolean
parse_chardev_source(HvlvXmlIn *in, xmlNode *node, HvCharDev *c, GError **error)
{
	int type = 0;
	if (!hvlv_xin_enum(in, node, "type", HV_ENUM_CHAR_TYPE, NULL, &type, error))
		return FALSE;
	c->type = type ? (HvCharType)type : HV_CHAR_TYPE_PTY;
	xmlNode *source = hvlv_xin_child(in, node, "source");
	const char *mode = hvlv_xin_attr(in, source, "mode");
	if (mode)
		c->server = HV_TRISTATE(strcmp(mode, "bind") == 0);
	if (mode && strcmp(mode, "bind") != 0 && strcmp(mode, "connect") != 0)
		return hvlv_domxml_unsupported(source, "mode", mode, error);
	c->path = g_strdup(hvlv_xin_attr(in, source, "path"));
	c->host = g_strdup(hvlv_xin_attr(in, source, "host"));
	xmlNode *protocol = hvlv_xin_child(in, node, "protocol");
	const char *proto = hvlv_xin_attr(in, protocol, "type");
	if (proto)
		c->telnet = HV_TRISTATE(strcmp(proto, "telnet") == 0);
	if (proto && strcmp(proto, "telnet") != 0 && strcmp(proto, "raw") != 0)
		return hvlv_domxml_unsupported(protocol, "type", proto, error);
	xmlNode *log = hvlv_xin_child(in, node, "log");
	c->log_file = g_strdup(hvlv_xin_attr(in, log, "file"));
	return hvlv_xin_int(in, source, "service", 1, 65535, &c->port, error) &&
	       hvlv_xin_bool(in, log, "append", &c->log_append, error);
}

/* <target type='isa-serial'><model name='isa-serial'/> is what hv does
 * anyway; kept to be given back as written. */
static gboolean
parse_serial_target(HvlvXmlIn *in, xmlNode *target, HvSerial *s, GError **error)
{
	const char *type = hvlv_xin_attr(in, target, "type");
	const char *model = hvlv_xin_attr(in, hvlv_xin_child(in, target, "model"), "name");
	static const char *const libvirt_types[] = { "isa-serial", "usb-serial", "pci-serial",
		                                     "spapr-vio-serial", "system-serial",
		                                     "sclp-serial", "isa-debug", NULL };
	if (type && !g_strv_contains(libvirt_types, type)) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("unknown target type '%s' specified for character device"), type);
		return FALSE;
	}
	if (type && strcmp(type, "isa-serial") != 0)
		return hvlv_domxml_unsupported(target, "type", type, error);
	if (model && strcmp(model, "isa-serial") != 0)
		return hvlv_domxml_unsupported(target, "model", model, error);
	s->target_type = g_strdup(type);
	s->target_model = g_strdup(model);
	return TRUE;
}

static gboolean
parse_serial(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvSerial) s = hv_serial_new();
	xmlNode *target = hvlv_xin_child(in, node, "target");
	if (!parse_chardev_source(in, node, &s->source, error) ||
	    !parse_serial_target(in, target, s, error) ||
	    !hvlv_xin_int(in, target, "port", 0, 3, &s->port, error))
		return FALSE;
	g_ptr_array_add(d->serials, g_steal_pointer(&s));
	return TRUE;
}

static gboolean
parse_console(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	g_autoptr(HvConsole) c = hv_console_new();
	xmlNode *target = hvlv_xin_child(in, node, "target");
	int type = 0;
	if (!parse_chardev_source(in, node, &c->source, error) ||
	    !hvlv_xin_enum(in, target, "type", HV_ENUM_CONSOLE_TARGET, NULL, &type, error) ||
	    !hvlv_xin_int(in, target, "port", 0, 3, &c->port, error))
		return FALSE;
	c->target = (HvConsoleTarget)type;
	g_ptr_array_add(d->consoles, g_steal_pointer(&c));
	return TRUE;
}

static gboolean
parse_channel(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	xmlNode *target = hvlv_xin_child(in, node, "target");
	const char *type = hvlv_xin_attr(in, target, "type");
	const char *name = hvlv_xin_attr(in, target, "name");
	if (type && strcmp(type, "virtio") != 0)
		return hvlv_domxml_unsupported(target, "type", type, error);
	if (g_strcmp0(hvlv_xin_attr(in, node, "type"), "spicevmc") == 0) {
		if (name && strcmp(name, "com.redhat.spice.0") != 0)
			return hvlv_domxml_unsupported(target, "name", name, error);
		d->spice.vdagent = HV_TRISTATE_YES;
		return TRUE;
	}
	g_autoptr(HvChannel) c = hv_channel_new();
	c->name = g_strdup(name);
	if (!parse_chardev_source(in, node, &c->source, error) ||
	    !hvlv_domxml_parse_address(in, node, HVLV_ADDR(VIRTIO_SERIAL), &c->address, error))
		return FALSE;
	g_ptr_array_add(d->channels, g_steal_pointer(&c));
	return TRUE;
}

static gboolean
parse_redirdev(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	const char *bus = hvlv_xin_attr(in, node, "bus");
	const char *type = hvlv_xin_attr(in, node, "type");
	if (bus && strcmp(bus, "usb") != 0)
		return hvlv_domxml_unsupported(node, "bus", bus, error);
	if (g_strcmp0(type, "spicevmc") != 0)
		return hvlv_domxml_unsupported(node, "type", type ? type : "", error);
	d->spice.usbredirection = HV_INT(hv_int_or(d->spice.usbredirection, 0) + 1);
	return TRUE;
}

gboolean
hvlv_domxml_parse_chardevs(HvlvXmlIn *in, xmlNode *devices, HvDomain *d, GError **error)
{
	static const struct {
		const char *name;
		gboolean (*parse)(HvlvXmlIn *, xmlNode *, HvDomain *, GError **);
	} kinds[] = {
		{ "serial", parse_serial }, { "console", parse_console },
		{ "channel", parse_channel }, { "redirdev", parse_redirdev },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(kinds); i++) {
		g_autoptr(GPtrArray) nodes = hvlv_xin_children(in, devices, kinds[i].name);
		for (guint j = 0; j < nodes->len; j++)
			if (!kinds[i].parse(in, nodes->pdata[j], d, error))
				return FALSE;
	}
	return TRUE;
}

/* The listen address: listen='ADDR' and/or <listen type='address' address/>. */
static gboolean
parse_listen(HvlvXmlIn *in, xmlNode *node, char **listen_r, GError **error)
{
	const char *attr = hvlv_xin_attr(in, node, "listen");
	xmlNode *listen = hvlv_xin_child(in, node, "listen");
	const char *type = hvlv_xin_attr(in, listen, "type");
	const char *addr = hvlv_xin_attr(in, listen, "address");
	if (type && strcmp(type, "address") != 0)
		return hvlv_domxml_unsupported(listen, "type", type, error);
	if (attr && addr && strcmp(attr, addr) != 0) {
		hvlv_set_error(error, HVLV_ERR_XML_ERROR, HVLV_FROM_DRIVER,
		               _("graphics 'listen' attribute '%s' must match 'address' attribute of "
		                 "first listen element (found '%s')"),
		               attr, addr);
		return FALSE;
	}
	*listen_r = g_strdup(attr ? attr : addr);
	return TRUE;
}

/* port='-1' or autoport='yes': a port chosen at start. */
static gboolean
parse_autoport(HvlvXmlIn *in, xmlNode *node, HvInt *port, HvTristate *autoport, GError **error)
{
	if (!hvlv_xin_int(in, node, "port", -1, 65535, port, error) ||
	    !hvlv_xin_bool(in, node, "autoport", autoport, error))
		return FALSE;
	if (port->set && port->value <= 0) {
		*autoport = HV_TRISTATE_YES;
		port->set = FALSE;
	}
	if (*autoport == HV_TRISTATE_YES)
		port->set = FALSE; /* libvirt ignores a port with autoport */
	return TRUE;
}

static gboolean
parse_spice_children(HvlvXmlIn *in, xmlNode *node, HvSpice *s, GError **error)
{
	int image = 0, streaming = 0;
	const char *mouse = hvlv_xin_attr(in, hvlv_xin_child(in, node, "mouse"), "mode");
	if (mouse)
		s->agent_mouse = HV_TRISTATE(strcmp(mouse, "client") == 0);
	if (!hvlv_xin_enum(in, hvlv_xin_child(in, node, "image"), "compression",
	                   HV_ENUM_SPICE_IMAGE, NULL, &image, error) ||
	    !hvlv_xin_enum(in, hvlv_xin_child(in, node, "streaming"), "mode",
	                   HV_ENUM_SPICE_STREAMING, NULL, &streaming, error) ||
	    !hvlv_xin_bool(in, hvlv_xin_child(in, node, "clipboard"), "copypaste",
	                   &s->clipboard_sharing, error) ||
	    !hvlv_xin_bool(in, hvlv_xin_child(in, node, "filetransfer"), "enable",
	                   &s->file_transfer, error) ||
	    !hvlv_xin_bool(in, hvlv_xin_child(in, node, "gl"), "enable", &s->gl, error))
		return FALSE;
	s->image_compression = (HvSpiceImage)image;
	s->streaming_video = (HvSpiceStreaming)streaming;
	return TRUE;
}

static gboolean
parse_spice(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	HvSpice *s = &d->spice;
	if (s->enabled == HV_TRISTATE_YES) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("more than one <graphics type='spice'> is not supported by hv"));
		return FALSE;
	}
	s->enabled = HV_TRISTATE_YES;
	s->passwd = g_strdup(hvlv_xin_attr(in, node, "passwd"));
	if (!s->passwd)
		s->disable_ticketing = HV_TRISTATE_YES;
	if (!parse_autoport(in, node, &s->port, &s->autoport, error) ||
	    !hvlv_xin_int(in, node, "tlsPort", -1, 65535, &s->tls_port, error) ||
	    !parse_listen(in, node, &s->host, error))
		return FALSE;
	if (s->tls_port.set && (s->tls_port.value <= 0 || s->autoport == HV_TRISTATE_YES))
		s->tls_port.set = FALSE;
	return parse_spice_children(in, node, s, error);
}

static gboolean
parse_vnc(HvlvXmlIn *in, xmlNode *node, HvDomain *d, GError **error)
{
	HvVnc *v = &d->vnc;
	if (v->enabled == HV_TRISTATE_YES) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("more than one <graphics type='vnc'> is not supported by hv"));
		return FALSE;
	}
	v->enabled = HV_TRISTATE_YES;
	v->passwd = g_strdup(hvlv_xin_attr(in, node, "passwd"));
	HvInt port = { 0, FALSE };
	if (!parse_autoport(in, node, &port, &v->unused, error) ||
	    !parse_listen(in, node, &v->listen, error))
		return FALSE;
	if (port.set && port.value < 5900) {
		hvlv_set_error(error, HVLV_ERR_CONFIG_UNSUPPORTED, HVLV_FROM_DRIVER,
		               _("VNC port %" G_GINT64_FORMAT " is below 5900, which hv cannot "
		                 "express as a display number"),
		               port.value);
		return FALSE;
	}
	if (port.set)
		v->display = HV_INT(port.value - 5900);
	return TRUE;
}

gboolean
hvlv_domxml_parse_display(HvlvXmlIn *in, xmlNode *devices, HvDomain *d, GError **error)
{
	g_autoptr(GPtrArray) all = hvlv_xin_children(in, devices, "graphics");
	for (guint i = 0; i < all->len; i++) {
		xmlNode *node = all->pdata[i];
		const char *type = hvlv_xin_attr(in, node, "type");
		const char *keymap = hvlv_xin_attr(in, node, "keymap");
		if (keymap && d->keymap && strcmp(keymap, d->keymap) != 0)
			return hvlv_domxml_unsupported(node, "keymap", keymap, error);
		if (keymap && !d->keymap)
			d->keymap = g_strdup(keymap);
		gboolean ok = g_strcmp0(type, "spice") == 0 ? parse_spice(in, node, d, error)
		              : g_strcmp0(type, "vnc") == 0
		                      ? parse_vnc(in, node, d, error)
		                      : hvlv_domxml_unsupported(node, "type", type ? type : "", error);
		if (!ok)
			return FALSE;
	}
	return TRUE;
}
