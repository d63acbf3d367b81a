/* libhv/engine internals shared by its files (prefix hv__). */
#pragma once

#include <glib.h>

#include <hv/engine.h>

/* Where an engine process finds its control and console endpoints. */
typedef struct {
	const char *binary;          /* the program to run */
	const char *qmp_socket;      /* QMP server socket the engine creates */
	const char *console_socket;  /* guest console (serial0) socket */
	const char *console_log;     /* everything the console prints */
	const char *pidfile;
	const char *run_dir;         /* where unix channels without a path get one */
	const char *ovmf_dir;        /* where OVMF_CODE*.fd is looked up (NULL: /usr/share/OVMF) */
	HvAccel accel;               /* kvm or tcg (QEMU) */
	gboolean incoming;           /* -incoming defer: a restore follows */
} HvEngineArgs;

/* QEMU's argv for DOMAIN (defaults applied) with ARGS; NULL with
 * HV_ERROR_UNSUPPORTED for what hv cannot run on QEMU yet. */
GPtrArray *hv__qemu_argv(const HvDomain *domain, const HvEngineArgs *args, GError **error);

/* The -drive/-device and -netdev/-device pairs of the domain's disks and
 * NICs (argv-devices.c). */
gboolean hv__qemu_add_disks(GPtrArray *argv, const HvDomain *domain, GError **error);
gboolean hv__qemu_add_nics(GPtrArray *argv, const HvDomain *domain, GError **error);

/* ",bus=...,addr=0xSLOT.FUNC[,multifunction=on]" for a PCI address A (""
 * for another or none), NULL when hv cannot place it (argv-address.c). */
char *hv__qemu_pci_address(const HvDomain *domain, const HvAddress *a, GError **error);
/* -device for each PCI controller (pcie-root-port, pci-bridge) that an
 * address puts a device on, with id pci.INDEX as libvirt names them. */
gboolean hv__qemu_add_pci_controllers(GPtrArray *argv, const HvDomain *domain, GError **error);

/* hv-vmm's argv for the pvh DOMAIN (defaults applied) with ARGS. */
GPtrArray *hv__vmm_argv(const HvDomain *domain, const HvEngineArgs *args, GError **error);

/* TEXT with every comma doubled, as QEMU's option parser reads it. */
char *hv__qemu_escape(const char *text);

/* A detached engine process: pid and its start time (/proc/PID/stat). */
typedef struct {
	int pid;
	gint64 start_time;
} HvProcess;

/* Starts ARGV detached from the caller (own session and process group,
 * stdin /dev/null, stderr appended to LOG_PATH, stdout to OUT_PATH or, when
 * NULL, LOG_PATH too), so it outlives the caller; the caller is not its
 * parent and never reaps it. */
gboolean hv__spawn_detached(GPtrArray *argv, const char *log_path, const char *out_path,
                            HvProcess *proc_r, GError **error);

/* Start time of PID (field 22 of /proc/PID/stat), -1 if it does not exist
 * or is a zombie. */
gint64 hv__process_start_time(int pid);

/* Whether PROC is still that very process (not exited, not a reused pid). */
gboolean hv__process_alive(const HvProcess *proc);

/* CPU time (utime + stime) of the whole process PID, in ns. */
gboolean hv__process_cpu_time(int pid, guint64 *ns_r, GError **error);

/* The last MAX_BYTES after offset FROM of the file PATH (whole lines), or
 * "" if unreadable. */
char *hv__log_tail(const char *path, gsize from, gsize max_bytes);

#include "engine/qmp.h"

struct HvRunner {
	HvStore *store;
	GMainContext *context;
	char *qemu;
	char *vmm;
	char *log_dir;
	char *dump_dir;
	HvAccel accel;            /* what hvm domains get */
	char *no_kvm_reason;      /* NULL where KVM is usable */
	guint destroy_timeout_ms;
	guint start_timeout_ms;
	GHashTable *vms;          /* uuid -> HvVm: domains with an engine process */
	GHashTable *last_stop;    /* uuid -> shutoff reason (GINT_TO_POINTER) */
	HvRunnerEventFunc event_func;
	gpointer event_data;
};

typedef struct HvVm HvVm;
typedef void (*HvVmMigrationFunc)(HvVm *vm, const char *status);

/* A domain with an engine process. */
struct HvVm {
	HvRunner *runner;
	HvRunState *rs;           /* persisted in the run directory */
	HvProcess proc;
	HvQmp *qmp;
	gboolean active;          /* start completed: events are reported */
	gboolean connected;       /* the QMP socket was reached */
	gboolean got_shutdown;    /* the guest powered off (SHUTDOWN seen) */
	gboolean stopping;        /* hv is ending the process: it is expected to go */
	int stop_reason;          /* shutoff reason and STOPPED detail when it has gone */
	int stop_detail;
	gboolean graceful;        /* destroy without SIGKILL */
	int pause_reason;         /* reason for the next STOP event */
	int resume_reason;        /* reason for the next RESUME event */
	gboolean save_resume;     /* save: the guest ran before, so a failed save resumes it */
	gboolean resetting;       /* reset + cont in flight (restart, fake reboot) */
	GTask *start_task;        /* start or restore in progress */
	GTask *op_task;           /* save in progress (waits for MIGRATION) */
	char *restore_path;       /* restore: the saved state */
	goffset restore_offset;   /* where the stream starts in it */
	HvVmMigrationFunc on_migration;
	GPtrArray *exit_waiters;  /* GTask: complete when the process has gone */
	guint poll_id;            /* connect retries, then exit polling */
	guint kill_id;            /* SIGTERM -> SIGKILL escalation */
	gint64 deadline;          /* monotonic µs: start deadline */
	gsize log_start;          /* size of the engine log when this start began */
};

/* runner.c */
HvVm *hv__vm_lookup(HvRunner *runner, const char *uuid, GError **error);
void hv__vm_set_state(HvVm *vm, HvState state, int reason);
void hv__vm_emit(HvVm *vm, HvEventType type, int detail);
void hv__vm_save(HvVm *vm);
HvState hv__vm_state(HvVm *vm, int *reason_r);
GTask *hv__task_new(HvRunner *runner, GAsyncReadyCallback callback, gpointer user_data);
void hv__task_fail(GTask *task, GError *error);

/* lifecycle.c: the engine process going away. */
void hv__vm_watch_exit(HvVm *vm);
void hv__vm_kill(HvVm *vm, int shutoff_reason, int stopped_detail, gboolean force);
void hv__vm_connect_qmp(HvVm *vm);
void hv__vm_free(HvVm *vm);
void hv__vm_cleanup_files(HvVm *vm);
HvVm *hv__vm_new(HvRunner *runner, HvRunState *rs);

/* events.c: QMP events and the lifecycle actions. */
void hv__vm_on_event(HvQmp *qmp, const char *name, json_object *data, gpointer user_data);
void hv__vm_reset_and_run(HvVm *vm, int running_reason);
HvState hv__state_from_qmp_status(const char *status, int *reason_r);

/* ops.c: a MIGRATION event's STATUS as 1 (completed), -1 (failed or
 * cancelled: the handler is then cleared too) or 0 (still going). */
int hv__migration_outcome(HvVm *vm, const char *status);

/* ops.c: the migrate-set-capabilities arguments that turn on MIGRATION events. */
json_object *hv__qmp_events_capability(void);

/* start.c: what follows the QMP handshake of a starting engine. */
void hv__vm_start_handshaked(HvVm *vm);
void hv__vm_start_failed(HvVm *vm, GError *error);
