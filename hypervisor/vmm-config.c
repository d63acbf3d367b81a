/* vmm-config: the hv-vmm command line. */
#include "config.h"

#include "vmm-config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "vmm-error.h"
#include "vmm-layout.h"

#define VMM_DEFAULT_MEMORY_MIB 256
#define VMM_DEFAULT_CMDLINE "console=ttyS0"
#define VMM_UNSET (-1) /* an integer option that was not given */

static void
vmm_disk_config_free(gpointer p)
{
	VmmDiskConfig *d = p;
	g_free(d->path);
	g_free(d);
}

VmmConfig *
vmm_config_new(void)
{
	VmmConfig *cfg = g_new0(VmmConfig, 1);
	cfg->memory_mib = VMM_DEFAULT_MEMORY_MIB;
	cfg->vcpus = 1;
	cfg->disks = g_ptr_array_new_with_free_func(vmm_disk_config_free);
	cfg->kvm_device = g_strdup("/dev/kvm");
	return cfg;
}

void
vmm_config_free(VmmConfig *cfg)
{
	if (!cfg)
		return;
	g_free(cfg->kernel);
	g_free(cfg->initrd);
	g_free(cfg->cmdline);
	g_ptr_array_unref(cfg->disks);
	if (cfg->net)
		g_free(cfg->net->tap);
	g_free(cfg->net);
	g_free(cfg->qmp_path);
	g_free(cfg->console_socket);
	g_free(cfg->kvm_device);
	g_free(cfg);
}

static gboolean
vmm_config_bad(GError **error, const char *option, const char *value, const char *why)
{
	g_set_error(error, VMM_ERROR, VMM_ERROR_INVALID, _("invalid %s '%s': %s"), option, value,
	            why);
	return FALSE;
}

static gboolean
vmm_config_parse_mac(const char *s, uint8_t mac[6])
{
	unsigned int b[6];
	char end;
	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
	           &end) != 6 || strlen(s) != 17)
		return FALSE;
	for (guint i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return !(mac[0] & 1); /* a multicast address cannot be a NIC's */
}

/* --disk FILE[,ro] */
static gboolean
vmm_config_add_disk(VmmConfig *cfg, const char *value, GError **error)
{
	g_auto(GStrv) parts = g_strsplit(value, ",", -1);
	if (!parts[0] || !*parts[0])
		return vmm_config_bad(error, "--disk", value, _("no image file"));
	VmmDiskConfig *d = g_new0(VmmDiskConfig, 1);
	d->path = g_strdup(parts[0]);
	g_ptr_array_add(cfg->disks, d);
	for (guint i = 1; parts[i]; i++) {
		if (strcmp(parts[i], "ro") != 0)
			return vmm_config_bad(error, "--disk", value, _("the only option is 'ro'"));
		d->readonly = TRUE;
	}
	return TRUE;
}

/* --net tap=NAME[,mac=MAC] */
static gboolean
vmm_config_set_net(VmmConfig *cfg, const char *value, GError **error)
{
	if (cfg->net)
		return vmm_config_bad(error, "--net", value, _("only one network device is supported"));
	cfg->net = g_new0(VmmNetConfig, 1);
	g_auto(GStrv) parts = g_strsplit(value, ",", -1);
	for (guint i = 0; parts[i]; i++) {
		if (g_str_has_prefix(parts[i], "tap=") && parts[i][4]) {
			g_free(cfg->net->tap);
			cfg->net->tap = g_strdup(parts[i] + 4);
		} else if (g_str_has_prefix(parts[i], "mac=")) {
			if (!vmm_config_parse_mac(parts[i] + 4, cfg->net->mac))
				return vmm_config_bad(error, "--net", value,
				                      _("mac= wants a unicast address like 52:54:00:12:34:56"));
			cfg->net->has_mac = TRUE;
		} else {
			return vmm_config_bad(error, "--net", value, _("expected tap=NAME[,mac=MAC]"));
		}
	}
	if (!cfg->net->tap || strlen(cfg->net->tap) >= 16)
		return vmm_config_bad(error, "--net", value, _("tap=NAME (at most 15 characters) is required"));
	return TRUE;
}

typedef struct {
	char *kernel, *initrd, *cmdline, *qmp, *console_socket, *console, *on_panic, *kvm;
	char **disks;
	char **nets;
	int memory, vcpus;
	gboolean no_shutdown, paused, check_kvm, help, version, force_kvm;
} VmmRawOptions;

static void
vmm_raw_options_clear(VmmRawOptions *o)
{
	g_free(o->kernel);
	g_free(o->initrd);
	g_free(o->cmdline);
	g_free(o->qmp);
	g_free(o->console_socket);
	g_free(o->console);
	g_free(o->on_panic);
	g_free(o->kvm);
	g_strfreev(o->disks);
	g_strfreev(o->nets);
}

static GOptionContext *
vmm_config_context(VmmRawOptions *o)
{
	const GOptionEntry entries[] = {
		{ "kernel", 'k', 0, G_OPTION_ARG_FILENAME, &o->kernel,
		  N_("Kernel to boot: a vmlinux with a PVH note, or a bzImage"), N_("FILE") },
		{ "initrd", 'i', 0, G_OPTION_ARG_FILENAME, &o->initrd, N_("Initial ramdisk"), N_("FILE") },
		{ "cmdline", 'c', 0, G_OPTION_ARG_STRING, &o->cmdline,
		  N_("Kernel command line (default: console=ttyS0)"), N_("STR") },
		{ "memory", 'm', 0, G_OPTION_ARG_INT, &o->memory, N_("Guest memory in MiB (default: 256)"),
		  N_("MIB") },
		{ "vcpus", 'n', 0, G_OPTION_ARG_INT, &o->vcpus, N_("Number of vCPUs (default: 1)"), N_("N") },
		{ "disk", 'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &o->disks,
		  N_("Raw disk image as a virtio-blk device; ',ro' makes it read-only (repeatable)"),
		  N_("FILE[,ro]") },
		{ "net", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->nets,
		  N_("virtio-net device on tap interface NAME"), N_("tap=NAME[,mac=MAC]") },
		{ "qmp", 'q', 0, G_OPTION_ARG_FILENAME, &o->qmp,
		  N_("Listen for QMP clients on this UNIX socket"), N_("PATH") },
		{ "console-socket", 0, 0, G_OPTION_ARG_FILENAME, &o->console_socket,
		  N_("Also serve the console on this UNIX socket (one client at a time)"), N_("PATH") },
		{ "console", 0, 0, G_OPTION_ARG_STRING, &o->console,
		  N_("Device that receives standard input: serial (ttyS0, default) or virtio (hvc0)"),
		  N_("serial|virtio") },
		{ "on-panic", 0, 0, G_OPTION_ARG_STRING, &o->on_panic,
		  N_("After a guest panic: poweroff (default, exit status 2) or pause"),
		  N_("poweroff|pause") },
		{ "no-shutdown", 0, 0, G_OPTION_ARG_NONE, &o->no_shutdown,
		  N_("Keep running in state 'shutdown' after the guest powers off (for QMP clients)"), NULL },
		{ "paused", 'S', 0, G_OPTION_ARG_NONE, &o->paused,
		  N_("Start with the vCPUs stopped until QMP 'cont'"), NULL },
		{ "kvm", 0, 0, G_OPTION_ARG_FILENAME, &o->kvm, N_("KVM device (default: /dev/kvm)"),
		  N_("PATH") },
		{ "force-kvm", 0, 0, G_OPTION_ARG_NONE, &o->force_kvm,
		  N_("Use the KVM device even if no hardware KVM module (kvm_intel, kvm_amd) backs it"),
		  NULL },
		{ "check-kvm", 0, 0, G_OPTION_ARG_NONE, &o->check_kvm,
		  N_("Only check whether this host's KVM can run guests; exit status 0 if so"), NULL },
		{ "version", 'V', 0, G_OPTION_ARG_NONE, &o->version, N_("Show the version"), NULL },
		{ "help", 'h', 0, G_OPTION_ARG_NONE, &o->help, N_("Show this help"), NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL },
	};
	GOptionContext *ctx = g_option_context_new(NULL);
	g_option_context_set_summary(ctx, _("hv-vmm: the KVM hypervisor core of hv; boots one "
	                                    "Linux guest (pvh domain).\nThe serial console is on "
	                                    "standard input and output."));
	g_option_context_set_description(
		ctx, _("Exit status: 0 after the guest powers off (or QMP quit, SIGTERM), 1 on errors,\n"
		       "2 after a guest panic (with --on-panic=poweroff).\n"));
	g_option_context_set_help_enabled(ctx, FALSE); /* main prints it: only main exits */
	g_option_context_add_main_entries(ctx, entries, GETTEXT_PACKAGE);
	g_option_context_set_translation_domain(ctx, GETTEXT_PACKAGE);
	return ctx;
}

static gboolean
vmm_config_apply(VmmConfig *cfg, VmmRawOptions *o, GError **error)
{
	if (o->memory != VMM_UNSET && (o->memory < VMM_MEMORY_MIN_MIB || o->memory > VMM_MEMORY_MAX_MIB)) {
		g_autofree char *v = g_strdup_printf("%d", o->memory);
		return vmm_config_bad(error, "--memory", v, _("must be between 32 and 1048576 MiB"));
	}
	if (o->vcpus != VMM_UNSET && (o->vcpus < 1 || o->vcpus > VMM_VCPUS_MAX)) {
		g_autofree char *v = g_strdup_printf("%d", o->vcpus);
		return vmm_config_bad(error, "--vcpus", v, _("must be between 1 and 64"));
	}
	cfg->memory_mib = o->memory != VMM_UNSET ? (uint64_t)o->memory : cfg->memory_mib;
	cfg->vcpus = o->vcpus != VMM_UNSET ? (guint)o->vcpus : cfg->vcpus;
	if (o->console && strcmp(o->console, "serial") && strcmp(o->console, "virtio"))
		return vmm_config_bad(error, "--console", o->console, _("expected serial or virtio"));
	cfg->console = o->console && !strcmp(o->console, "virtio") ? VMM_CONSOLE_VIRTIO
	                                                          : VMM_CONSOLE_SERIAL;
	if (o->on_panic && strcmp(o->on_panic, "poweroff") && strcmp(o->on_panic, "pause"))
		return vmm_config_bad(error, "--on-panic", o->on_panic, _("expected poweroff or pause"));
	cfg->on_panic = o->on_panic && !strcmp(o->on_panic, "pause") ? VMM_PANIC_PAUSE
	                                                            : VMM_PANIC_POWEROFF;
	for (guint i = 0; o->disks && o->disks[i]; i++) {
		if (!vmm_config_add_disk(cfg, o->disks[i], error))
			return FALSE;
	}
	for (guint i = 0; o->nets && o->nets[i]; i++) {
		if (!vmm_config_set_net(cfg, o->nets[i], error))
			return FALSE;
	}
	/* One virtio slot each: the console, the NIC, the disks. */
	if (cfg->disks->len > VMM_VIRTIO_MAX - 2) {
		g_set_error(error, VMM_ERROR, VMM_ERROR_INVALID, _("at most %d disks fit next to the "
		            "console and network devices"), VMM_VIRTIO_MAX - 2);
		return FALSE;
	}
	cfg->kernel = g_steal_pointer(&o->kernel);
	cfg->initrd = g_steal_pointer(&o->initrd);
	cfg->cmdline = o->cmdline ? g_steal_pointer(&o->cmdline) : g_strdup(VMM_DEFAULT_CMDLINE);
	cfg->qmp_path = g_steal_pointer(&o->qmp);
	cfg->console_socket = g_steal_pointer(&o->console_socket);
	cfg->no_shutdown = o->no_shutdown;
	cfg->start_paused = o->paused;
	cfg->force_kvm = o->force_kvm;
	if (o->kvm) {
		g_free(cfg->kvm_device);
		cfg->kvm_device = g_steal_pointer(&o->kvm);
	}
	return TRUE;
}

VmmConfig *
vmm_config_parse(int argc, char **argv, VmmMode *mode_r, GError **error)
{
	VmmRawOptions o = { .memory = VMM_UNSET, .vcpus = VMM_UNSET };
	g_autoptr(GOptionContext) ctx = vmm_config_context(&o);
	g_autoptr(VmmConfig) cfg = vmm_config_new();
	g_autoptr(GError) local = NULL;
	gboolean ok = g_option_context_parse(ctx, &argc, &argv, &local);
	if (!ok)
		g_set_error(error, VMM_ERROR, VMM_ERROR_INVALID, "%s", local->message);
	else if (argc > 1)
		ok = vmm_config_bad(error, _("argument"), argv[1], _("hv-vmm takes options only"));
	*mode_r = o.help      ? VMM_MODE_HELP
	          : o.version ? VMM_MODE_VERSION
	          : o.check_kvm ? VMM_MODE_CHECK_KVM
	                        : VMM_MODE_RUN;
	if (ok && *mode_r == VMM_MODE_RUN && !o.kernel)
		ok = vmm_config_bad(error, _("command line"), "", _("--kernel FILE is required"));
	ok = ok && vmm_config_apply(cfg, &o, error);
	vmm_raw_options_clear(&o);
	return ok ? g_steal_pointer(&cfg) : NULL;
}

char *
vmm_config_help(void)
{
	VmmRawOptions o = { 0 };
	g_autoptr(GOptionContext) ctx = vmm_config_context(&o);
	return g_option_context_get_help(ctx, TRUE, NULL);
}
