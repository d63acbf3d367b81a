/* hvlv-domxml-format-chr: character devices and displays, mirroring
 * hvlv-domxml-parse-chr.c. */
#include "config.h"

#include "hvlv-domxml-private.h"

static void
format_chardev_source(HvlvXmlOut *out, const HvCharDev *c)
{
	if (c->path || c->host || c->port.set || c->server) {
		hvlv_xout_push(out, "source");
		if (c->server)
			hvlv_xout_attr(out, "mode", c->server == HV_TRISTATE_YES ? "bind" : "connect");
		hvlv_xout_attr(out, "path", c->path);
		hvlv_xout_attr(out, "host", c->host);
		hvlv_xout_attr_int(out, "service", c->port);
		hvlv_xout_pop(out);
	}
	if (c->telnet) {
		hvlv_xout_push(out, "protocol");
		hvlv_xout_attr(out, "type", c->telnet == HV_TRISTATE_YES ? "telnet" : "raw");
		hvlv_xout_pop(out);
	}
}

static void
format_chardev_log(HvlvXmlOut *out, const HvCharDev *c)
{
	if (!c->log_file)
		return;
	hvlv_xout_push(out, "log");
	hvlv_xout_attr(out, "file", c->log_file);
	hvlv_xout_attr_bool(out, "append", c->log_append, TRUE);
	hvlv_xout_pop(out);
}

static void
format_chardev_start(HvlvXmlOut *out, const char *name, const HvCharDev *c)
{
	hvlv_xout_push(out, name);
	hvlv_xout_attr(out, "type", hv_enum_to_string(HV_ENUM_CHAR_TYPE,
	                                              c->type ? c->type : HV_CHAR_TYPE_PTY));
	format_chardev_source(out, c);
}

/* <target type? name? port?/> */
static void
format_target(HvlvXmlOut *out, const char *type, const char *name, HvInt port)
{
	if (!type && !name && !port.set)
		return;
	hvlv_xout_push(out, "target");
	hvlv_xout_attr(out, "type", type);
	hvlv_xout_attr(out, "name", name);
	hvlv_xout_attr_int(out, "port", port);
	hvlv_xout_pop(out);
}

/* <target type? port?><model name?/></target> of a serial port. */
static void
format_serial_target(HvlvXmlOut *out, const HvSerial *s)
{
	if (!s->target_model) {
		format_target(out, s->target_type, NULL, s->port);
		return;
	}
	hvlv_xout_push(out, "target");
	hvlv_xout_attr(out, "type", s->target_type);
	hvlv_xout_attr_int(out, "port", s->port);
	hvlv_xout_push(out, "model");
	hvlv_xout_attr(out, "name", s->target_model);
	hvlv_xout_pop(out);
	hvlv_xout_pop(out);
}

void
hvlv_domxml_format_chardevs(HvlvXmlOut *out, const HvDomain *d)
{
	for (guint i = 0; i < d->serials->len; i++) {
		const HvSerial *s = d->serials->pdata[i];
		format_chardev_start(out, "serial", &s->source);
		format_serial_target(out, s);
		format_chardev_log(out, &s->source);
		hvlv_xout_pop(out);
	}
	for (guint i = 0; i < d->consoles->len; i++) {
		const HvConsole *c = d->consoles->pdata[i];
		format_chardev_start(out, "console", &c->source);
		format_target(out, hv_enum_to_string(HV_ENUM_CONSOLE_TARGET, c->target), NULL, c->port);
		format_chardev_log(out, &c->source);
		hvlv_xout_pop(out);
	}
	for (guint i = 0; i < d->channels->len; i++) {
		const HvChannel *c = d->channels->pdata[i];
		format_chardev_start(out, "channel", &c->source);
		format_target(out, "virtio", c->name, (HvInt){ 0, FALSE });
		format_chardev_log(out, &c->source);
		hvlv_domxml_format_address(out, &c->address);
		hvlv_xout_pop(out);
	}
	if (d->spice.vdagent == HV_TRISTATE_YES) {
		hvlv_xout_push(out, "channel");
		hvlv_xout_attr(out, "type", "spicevmc");
		format_target(out, "virtio", "com.redhat.spice.0", (HvInt){ 0, FALSE });
		hvlv_xout_pop(out);
	}
}

/* listen='ADDR' and its <listen type='address'/> twin, as libvirt writes them. */
static void
format_listen_attr(HvlvXmlOut *out, const char *listen)
{
	hvlv_xout_attr(out, "listen", listen);
}

static void
format_listen_element(HvlvXmlOut *out, const char *listen)
{
	if (!listen)
		return;
	hvlv_xout_push(out, "listen");
	hvlv_xout_attr(out, "type", "address");
	hvlv_xout_attr(out, "address", listen);
	hvlv_xout_pop(out);
}

static void
format_spice_children(HvlvXmlOut *out, const HvSpice *s)
{
	if (s->image_compression) {
		hvlv_xout_push(out, "image");
		hvlv_xout_attr(out, "compression",
		               hv_enum_to_string(HV_ENUM_SPICE_IMAGE, s->image_compression));
		hvlv_xout_pop(out);
	}
	if (s->streaming_video) {
		hvlv_xout_push(out, "streaming");
		hvlv_xout_attr(out, "mode", hv_enum_to_string(HV_ENUM_SPICE_STREAMING, s->streaming_video));
		hvlv_xout_pop(out);
	}
	static const struct {
		const char *element, *attr;
		gsize offset;
	} switches[] = {
		{ "clipboard", "copypaste", G_STRUCT_OFFSET(HvSpice, clipboard_sharing) },
		{ "mouse", "mode", G_STRUCT_OFFSET(HvSpice, agent_mouse) },
		{ "filetransfer", "enable", G_STRUCT_OFFSET(HvSpice, file_transfer) },
		{ "gl", "enable", G_STRUCT_OFFSET(HvSpice, gl) },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(switches); i++) {
		HvTristate t = G_STRUCT_MEMBER(HvTristate, s, switches[i].offset);
		if (!t)
			continue;
		hvlv_xout_push(out, switches[i].element);
		if (switches[i].offset == G_STRUCT_OFFSET(HvSpice, agent_mouse))
			hvlv_xout_attr(out, "mode", t == HV_TRISTATE_YES ? "client" : "server");
		else
			hvlv_xout_attr_bool(out, switches[i].attr, t, FALSE);
		hvlv_xout_pop(out);
	}
}

static void
format_spice(HvlvXmlOut *out, const HvDomain *d, unsigned int flags)
{
	const HvSpice *s = &d->spice;
	hvlv_xout_push(out, "graphics");
	hvlv_xout_attr(out, "type", "spice");
	if (s->autoport == HV_TRISTATE_YES || (!s->port.set && !s->tls_port.set))
		hvlv_xout_attr(out, "autoport", "yes");
	else {
		hvlv_xout_attr_int(out, "port", s->port);
		hvlv_xout_attr_int(out, "tlsPort", s->tls_port);
		hvlv_xout_attr(out, "autoport", "no");
	}
	format_listen_attr(out, s->host);
	hvlv_xout_attr(out, "keymap", d->keymap);
	if (flags & HVLV_DOMAIN_XML_SECURE)
		hvlv_xout_attr(out, "passwd", s->passwd);
	format_listen_element(out, s->host);
	format_spice_children(out, s);
	hvlv_xout_pop(out);
	for (gint64 i = 0; i < hv_int_or(s->usbredirection, 0); i++) {
		hvlv_xout_push(out, "redirdev");
		hvlv_xout_attr(out, "bus", "usb");
		hvlv_xout_attr(out, "type", "spicevmc");
		hvlv_xout_pop(out);
	}
}

static void
format_vnc(HvlvXmlOut *out, const HvDomain *d, unsigned int flags)
{
	const HvVnc *v = &d->vnc;
	hvlv_xout_push(out, "graphics");
	hvlv_xout_attr(out, "type", "vnc");
	if (v->display.set && v->unused != HV_TRISTATE_YES) {
		hvlv_xout_attr_int(out, "port", HV_INT(5900 + v->display.value));
		hvlv_xout_attr(out, "autoport", "no");
	} else
		hvlv_xout_attr(out, "autoport", "yes");
	format_listen_attr(out, v->listen);
	hvlv_xout_attr(out, "keymap", d->keymap);
	if (flags & HVLV_DOMAIN_XML_SECURE)
		hvlv_xout_attr(out, "passwd", v->passwd);
	format_listen_element(out, v->listen);
	hvlv_xout_pop(out);
}

void
hvlv_domxml_format_display(HvlvXmlOut *out, const HvDomain *d, unsigned int flags)
{
	if (d->spice.enabled == HV_TRISTATE_YES)
		format_spice(out, d, flags);
	if (d->vnc.enabled == HV_TRISTATE_YES)
		format_vnc(out, d, flags);
}
