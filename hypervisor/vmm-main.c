/* hv-vmm: the KVM hypervisor core of hv; one process per pvh domain.
 * Only this file exits; everything else returns errors. */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "vmm-config.h"
#include "vmm-control.h"
#include "vmm-error.h"
#include "vmm-kvm.h"

#define VMM_SYSFS_MODULES "/sys/module"

static int
vmm_fail(const GError *error)
{
	fprintf(stderr, "hv-vmm: %s\n", error->message);
	return VMM_EXIT_FAILURE;
}

static int
vmm_check_kvm(const VmmConfig *cfg)
{
	g_autoptr(GError) error = NULL;
	if (!vmm_kvm_usable(cfg->kvm_device, VMM_SYSFS_MODULES, &error))
		return vmm_fail(error);
	printf(_("%s can run hv-vmm guests\n"), cfg->kvm_device);
	return VMM_EXIT_OK;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
#if GLIB_CHECK_VERSION(2, 68, 0)
	/* Standard output is the guest's console: keep our messages off it. */
	g_log_writer_default_set_use_stderr(TRUE);
#endif

	g_autoptr(GError) error = NULL;
	VmmMode mode = VMM_MODE_RUN;
	g_autoptr(VmmConfig) cfg = vmm_config_parse(argc, argv, &mode, &error);
	if (mode == VMM_MODE_HELP) {
		g_autofree char *help = vmm_config_help();
		fputs(help, stdout);
		return VMM_EXIT_OK;
	}
	if (!cfg) {
		fprintf(stderr, _("hv-vmm: %s\nTry 'hv-vmm --help'.\n"), error->message);
		return VMM_EXIT_FAILURE;
	}
	if (mode == VMM_MODE_VERSION) {
		printf("hv-vmm %s\n", PACKAGE_VERSION);
		return VMM_EXIT_OK;
	}
	if (mode == VMM_MODE_CHECK_KVM)
		return vmm_check_kvm(cfg);
	if (!cfg->force_kvm && !vmm_kvm_usable(cfg->kvm_device, VMM_SYSFS_MODULES, &error))
		return vmm_fail(error);

	g_autoptr(VmmControl) ctl = vmm_control_new(cfg, &error);
	if (!ctl)
		return vmm_fail(error);
	return vmm_control_run(ctl);
}
