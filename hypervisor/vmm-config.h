/* vmm-config: what one hv-vmm process runs, as given on its command line. */
#pragma once

#include <stdint.h>

#include <glib.h>

typedef enum { VMM_CONSOLE_SERIAL, VMM_CONSOLE_VIRTIO } VmmConsoleMode;
typedef enum { VMM_PANIC_POWEROFF, VMM_PANIC_PAUSE } VmmPanicAction;

typedef struct {
	char *path;
	gboolean readonly;
} VmmDiskConfig;

typedef struct {
	char *tap;
	uint8_t mac[6];
	gboolean has_mac;
} VmmNetConfig;

typedef struct {
	char *kernel;
	char *initrd;
	char *cmdline;
	uint64_t memory_mib;
	guint vcpus;
	GPtrArray *disks;      /* VmmDiskConfig */
	VmmNetConfig *net;     /* NULL: no network device */
	char *qmp_path;        /* NULL: no control socket */
	char *console_socket;  /* NULL: the console is standard input and output only */
	VmmConsoleMode console;
	VmmPanicAction on_panic;
	gboolean no_shutdown;  /* stay in "shutdown" state after a guest poweroff */
	gboolean start_paused; /* "prelaunch": vCPUs wait for QMP cont */
	char *kvm_device;
	gboolean force_kvm;    /* use kvm_device even without kvm_intel/kvm_amd */
} VmmConfig;

/* A configuration with the defaults (256 MiB, 1 vCPU, serial console). */
VmmConfig *vmm_config_new(void);

/* Frees a configuration. NULL-safe. */
void vmm_config_free(VmmConfig *cfg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmConfig, vmm_config_free)

typedef enum {
	VMM_MODE_RUN,       /* boot the guest */
	VMM_MODE_CHECK_KVM, /* --check-kvm */
	VMM_MODE_HELP,      /* --help */
	VMM_MODE_VERSION,   /* --version */
} VmmMode;

/* Parses the command line into a configuration and what to do with it;
 * NULL with ERROR (VMM_ERROR_INVALID) on bad options. */
VmmConfig *vmm_config_parse(int argc, char **argv, VmmMode *mode_r, GError **error);

/* The --help text. */
char *vmm_config_help(void);
