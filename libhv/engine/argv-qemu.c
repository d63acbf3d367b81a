/* The QEMU command line of an hvm domain, built from the libhv model. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>
#include <hv/model.h>

#include "engine/engine-internal.h"

#define ARG(...) g_ptr_array_add(argv, g_strdup_printf(__VA_ARGS__))

char *
hv__qemu_escape(const char *text)
{
	g_auto(GStrv) parts = g_strsplit(text, ",", -1);
	return g_strjoinv(",,", parts);
}

static gboolean
unsupported(GError **error, const char *what)
{
	g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED, _("%s is not supported by hv's QEMU engine yet"), what);
	return FALSE;
}

static void
add_identity(GPtrArray *argv, const HvDomain *d, const HvEngineArgs *a)
{
	g_autofree char *name = hv__qemu_escape(d->name);
	ARG("-name");
	ARG("guest=%s,debug-threads=on", name);
	ARG("-uuid");
	ARG("%s", d->uuid);
	ARG("-nodefaults");
	ARG("-no-user-config");
	ARG("-msg");
	ARG("timestamp=on");
	ARG("-machine");
	ARG("%s", d->machine);
	ARG("-accel");
	ARG("%s", a->accel == HV_ACCEL_KVM ? "kvm" : "tcg");
}

static void
add_cpu_memory(GPtrArray *argv, const HvDomain *d)
{
	if (d->cpu.mode == HV_CPU_MODE_HOST_PASSTHROUGH || d->cpu.mode == HV_CPU_MODE_HOST_MODEL) {
		ARG("-cpu");
		ARG("host");
	} else if (d->cpu.mode == HV_CPU_MODE_MAXIMUM) {
		ARG("-cpu");
		ARG("max");
	} else if (d->cpu.model) {
		ARG("-cpu");
		ARG("%s", d->cpu.model);
	}
	ARG("-m");
	ARG("%" G_GINT64_FORMAT, d->memory_kib.value / 1024);
	ARG("-smp");
	if (d->maxvcpus.value > d->vcpus.value)
		ARG("%" G_GINT64_FORMAT ",maxcpus=%" G_GINT64_FORMAT, d->vcpus.value, d->maxvcpus.value);
	else
		ARG("%" G_GINT64_FORMAT, d->vcpus.value);
}

/* OVMF: the loader given, else the distribution's 4M build. */
static gboolean
add_firmware(GPtrArray *argv, const HvDomain *d, const HvEngineArgs *a, GError **error)
{
	if (d->os.firmware != HV_FIRMWARE_UEFI) {
		if (d->os.loader) {
			ARG("-bios");
			ARG("%s", d->os.loader);
		}
		return TRUE;
	}
	g_autofree char *code = d->os.loader ? g_strdup(d->os.loader)
	                                     : g_build_filename(a->ovmf_dir ? a->ovmf_dir : "/usr/share/OVMF",
	                                                        "OVMF_CODE_4M.fd", NULL);
	if (!g_file_test(code, G_FILE_TEST_EXISTS)) {
		g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED,
		            _("UEFI firmware was asked for, but '%s' is not installed (Debian package ovmf)"), code);
		return FALSE;
	}
	g_autofree char *esc = hv__qemu_escape(code);
	ARG("-drive");
	ARG("if=pflash,format=raw,unit=0,readonly=on,file=%s", esc);
	if (d->os.nvram) {
		g_autofree char *nv = hv__qemu_escape(d->os.nvram);
		ARG("-drive");
		ARG("if=pflash,format=raw,unit=1,file=%s", nv);
	}
	return TRUE;
}

static void
add_boot(GPtrArray *argv, const HvDomain *d)
{
	const char *opt[] = { "-kernel", "-initrd", "-append" };
	const char *val[] = { d->os.kernel, d->os.ramdisk, d->os.cmdline };
	for (guint i = 0; i < G_N_ELEMENTS(opt); i++) {
		if (!val[i] || (i > 0 && !d->os.kernel))
			continue;
		ARG("%s", opt[i]);
		ARG("%s", val[i]);
	}
	g_autoptr(GString) order = g_string_new(NULL);
	for (guint i = 0; i < d->os.boot->len; i++) {
		const char *dev = d->os.boot->pdata[i];
		g_string_append_c(order, g_str_equal(dev, "hd") ? 'c' : g_str_equal(dev, "cdrom") ? 'd'
		                         : g_str_equal(dev, "network") ? 'n' : 'a');
	}
	if (order->len > 0 || d->os.bootmenu == HV_TRISTATE_YES) {
		ARG("-boot");
		ARG("%s%s%s", order->len ? "order=" : "", order->str,
		    d->os.bootmenu == HV_TRISTATE_YES ? (order->len ? ",menu=on" : "menu=on") : "");
	}
}

/* Lifecycle: QEMU stays after a guest power-off (-no-shutdown) so hv
 * applies on_poweroff itself, and pauses on a panic so hv applies on_crash. */
static void
add_lifecycle(GPtrArray *argv, const HvDomain *d, const HvEngineArgs *a)
{
	ARG("-no-shutdown");
	if (d->on_reboot == HV_ACTION_DESTROY || d->on_reboot == HV_ACTION_PRESERVE)
		ARG("-no-reboot");
	ARG("-action");
	ARG("panic=pause");
	ARG("-device");
	ARG("pvpanic");
	g_autofree char *qmp = hv__qemu_escape(a->qmp_socket);
	ARG("-chardev");
	ARG("socket,id=charmonitor,path=%s,server=on,wait=off", qmp);
	ARG("-mon");
	ARG("chardev=charmonitor,id=monitor,mode=control");
	if (a->pidfile) {
		ARG("-pidfile");
		ARG("%s", a->pidfile);
	}
	ARG("-S");
	if (a->incoming) {
		ARG("-incoming");
		ARG("defer");
	}
}

/* A character device's host side as a -chardev value. */
static char *
chardev_spec(const char *id, const HvCharDev *c, GError **error)
{
	g_autofree char *path = c->path ? hv__qemu_escape(c->path) : NULL;
	gboolean server = hv_tristate_or(c->server, TRUE);
	switch (c->type) {
	case HV_CHAR_TYPE_UNSET:
	case HV_CHAR_TYPE_NULL:
		return g_strdup_printf("null,id=%s", id);
	case HV_CHAR_TYPE_PTY:
		return g_strdup_printf("pty,id=%s", id);
	case HV_CHAR_TYPE_FILE:
		return path ? g_strdup_printf("file,id=%s,path=%s", id, path) : NULL;
	case HV_CHAR_TYPE_PIPE:
		return path ? g_strdup_printf("pipe,id=%s,path=%s", id, path) : NULL;
	case HV_CHAR_TYPE_UNIX:
		return path ? g_strdup_printf("socket,id=%s,path=%s%s", id, path,
		                              server ? ",server=on,wait=off" : "") : NULL;
	case HV_CHAR_TYPE_TCP:
		return g_strdup_printf("socket,id=%s,host=%s,port=%" G_GINT64_FORMAT "%s%s", id,
		                       c->host ? c->host : "127.0.0.1", c->port.value,
		                       server ? ",server=on,wait=off" : "",
		                       c->telnet == HV_TRISTATE_YES ? ",telnet=on" : "");
	case HV_CHAR_TYPE_UDP:
		return g_strdup_printf("udp,id=%s,host=%s,port=%" G_GINT64_FORMAT, id,
		                       c->host ? c->host : "127.0.0.1", c->port.value);
	}
	g_set_error(error, HV_ERROR, HV_ERROR_UNSUPPORTED, _("unknown character device type"));
	return NULL;
}

/* -chardev ID for SOURCE; WHAT names it when it lacks its path. */
static gboolean
add_chardev(GPtrArray *argv, const char *id, const HvCharDev *source, const char *what, GError **error)
{
	g_autofree char *spec = chardev_spec(id, source, error);
	if (!spec)
		return error && *error ? FALSE : unsupported(error, what);
	ARG("-chardev");
	ARG("%s", spec);
	return TRUE;
}

/* A unix channel without a path gets RUN_DIR/UUID.NAME, as libvirt makes
 * one up under its channel/target directory; NULL for any other channel. */
static char *
channel_path(const HvDomain *d, const HvChannel *ch, const HvEngineArgs *a, guint index)
{
	if (ch->source.type != HV_CHAR_TYPE_UNIX || ch->source.path || !a->run_dir)
		return NULL;
	g_autofree char *name = ch->name ? g_strdup(ch->name) : g_strdup_printf("channel%u", index);
	g_strdelimit(name, "/", '_'); /* a file name, not a path */
	g_autofree char *file = g_strconcat(d->uuid ? d->uuid : d->name, ".", name, NULL);
	return g_build_filename(a->run_dir, file, NULL);
}

/* serial0 is the console the daemon owns: a socket plus a log file. Further
 * serial ports are as configured. */
static gboolean
add_serials(GPtrArray *argv, const HvDomain *d, const HvEngineArgs *a, GError **error)
{
	g_autofree char *sock = hv__qemu_escape(a->console_socket);
	g_autofree char *log = hv__qemu_escape(a->console_log);
	ARG("-chardev");
	ARG("socket,id=charserial0,path=%s,server=on,wait=off,logfile=%s,logappend=on", sock, log);
	ARG("-device");
	ARG("isa-serial,chardev=charserial0,id=serial0");
	for (guint i = 1; i < d->serials->len; i++) {
		const HvSerial *s = d->serials->pdata[i];
		g_autofree char *id = g_strdup_printf("charserial%u", i);
		if (!add_chardev(argv, id, &s->source, _("a serial port without a path"), error))
			return FALSE;
		ARG("-device");
		ARG("isa-serial,chardev=%s,id=serial%u", id, i);
	}
	return TRUE;
}

static gboolean
add_channels(GPtrArray *argv, const HvDomain *d, const HvEngineArgs *a, GError **error)
{
	if (d->channels->len == 0)
		return TRUE;
	const HvAddress *addr = NULL; /* of virtio-serial controller 0, if any */
	for (guint i = 0; i < d->controllers->len; i++) {
		const HvController *c = d->controllers->pdata[i];
		if (c->type == HV_CONTROLLER_TYPE_VIRTIO_SERIAL && hv_int_or(c->index, 0) == 0)
			addr = &c->address;
	}
	g_autofree char *pci = addr ? hv__qemu_pci_address(d, addr, error) : g_strdup("");
	if (!pci)
		return FALSE;
	ARG("-device");
	ARG("virtio-serial-pci,id=virtio-serial0%s", pci);
	for (guint i = 0; i < d->channels->len; i++) {
		const HvChannel *ch = d->channels->pdata[i];
		g_autofree char *id = g_strdup_printf("charchannel%u", i);
		g_autofree char *made = channel_path(d, ch, a, i);
		HvCharDev source = ch->source;
		source.path = ch->source.path ? ch->source.path : made;
		if (!add_chardev(argv, id, &source, _("a channel without a path"), error))
			return FALSE;
		g_autofree char *name = ch->name ? hv__qemu_escape(ch->name) : NULL;
		ARG("-device");
		/* the port its address names, else the next one as before */
		const char *nr = ch->address.port;
		if (nr && strchr(nr, '.'))
			return unsupported(error, _("a channel port with hub ports (\"1.2\")"));
		g_autofree char *next = g_strdup_printf("%u", i + 1);
		ARG("virtserialport,bus=virtio-serial0.0,nr=%s,chardev=%s,id=channel%u%s%s",
		    nr ? nr : next, id, i, name ? ",name=" : "", name ? name : "");
	}
	return TRUE;
}

static gboolean
add_display(GPtrArray *argv, const HvDomain *d, GError **error)
{
	static const char *const video[] = {
		[HV_VIDEO_MODEL_VGA] = "VGA", [HV_VIDEO_MODEL_CIRRUS] = "cirrus-vga",
		[HV_VIDEO_MODEL_QXL] = "qxl-vga", [HV_VIDEO_MODEL_VIRTIO] = "virtio-vga",
		[HV_VIDEO_MODEL_BOCHS] = "bochs-display", [HV_VIDEO_MODEL_RAMFB] = "ramfb",
	};
	if (d->spice.enabled == HV_TRISTATE_YES)
		return unsupported(error, _("SPICE graphics"));
	/* no local window: a daemon's guests are seen over VNC or SPICE only */
	ARG("-display");
	ARG("none");
	if (d->video.model != HV_VIDEO_MODEL_UNSET && d->video.model != HV_VIDEO_MODEL_NONE) {
		ARG("-device");
		ARG("%s,id=video0", video[d->video.model]);
	}
	if (d->vnc.enabled == HV_TRISTATE_YES) {
		gboolean any = hv_tristate_or(d->vnc.unused, TRUE) && !d->vnc.display.set;
		ARG("-vnc");
		ARG("%s:%" G_GINT64_FORMAT "%s", d->vnc.listen ? d->vnc.listen : "127.0.0.1",
		    hv_int_or(d->vnc.display, 0), any ? ",to=99" : "");
	}
	return TRUE;
}

GPtrArray *
hv__qemu_argv(const HvDomain *d, const HvEngineArgs *a, GError **error)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
	ARG("%s", d->emulator ? d->emulator : a->binary);
	add_identity(argv, d, a);
	add_cpu_memory(argv, d);
	if (!add_firmware(argv, d, a, error))
		return NULL;
	add_boot(argv, d);
	add_lifecycle(argv, d, a);
	if (!hv__qemu_add_pci_controllers(argv, d, error) || !add_serials(argv, d, a, error) ||
	    !add_channels(argv, d, a, error) ||
	    !hv__qemu_add_disks(argv, d, error) || !hv__qemu_add_nics(argv, d, error) ||
	    !add_display(argv, d, error))
		return NULL;
	for (guint i = 0; i < d->device_model_args->len; i++)
		ARG("%s", (char *)d->device_model_args->pdata[i]);
	g_ptr_array_add(argv, NULL);
	return g_steal_pointer(&argv);
}
