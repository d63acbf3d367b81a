/* hv/engine.h: running domains. An HvRunner starts each domain's engine
 * process (QEMU for hvm, hv-vmm for pvh) detached from the caller, drives it
 * over QMP on the caller's GMainContext, applies the lifecycle actions
 * (on_poweroff, on_reboot, on_crash) and reports every state change as a
 * libvirt-shaped event. Each running domain has a run-state record in the
 * store's run directory, so a new runner (after the daemon was killed)
 * takes the running guests back with hv_runner_reconnect().
 *
 * Threading: every call, and every callback, happens in the thread that runs
 * the runner's GMainContext, with that context as its thread-default.
 * Operations that talk to the engine are asynchronous (GAsyncReadyCallback,
 * then hv_runner_finish()); queries answer at once. */
#pragma once

#include <gio/gio.h>

#include <hv/model.h>
#include <hv/store.h>

G_BEGIN_DECLS

typedef struct HvRunner HvRunner;

/* Domain states and their reasons: the values of libvirt's virDomainState
 * and virDomain*Reason, so the driver passes them through. */
typedef enum {
	HV_STATE_NOSTATE = 0, HV_STATE_RUNNING = 1, HV_STATE_BLOCKED = 2, HV_STATE_PAUSED = 3,
	HV_STATE_SHUTDOWN = 4, HV_STATE_SHUTOFF = 5, HV_STATE_CRASHED = 6, HV_STATE_PMSUSPENDED = 7,
} HvState;
enum { /* reasons of HV_STATE_RUNNING (virDomainRunningReason) */
	HV_RUNNING_UNKNOWN = 0, HV_RUNNING_BOOTED = 1, HV_RUNNING_RESTORED = 3, HV_RUNNING_UNPAUSED = 5,
	HV_RUNNING_SAVE_CANCELED = 7, HV_RUNNING_CRASHED = 9,
};
enum { /* reasons of HV_STATE_PAUSED (virDomainPausedReason) */
	HV_PAUSED_UNKNOWN = 0, HV_PAUSED_USER = 1, HV_PAUSED_SAVE = 3, HV_PAUSED_DUMP = 4,
	HV_PAUSED_IOERROR = 5, HV_PAUSED_SHUTTING_DOWN = 8, HV_PAUSED_CRASHED = 10, HV_PAUSED_STARTING_UP = 11,
};
enum { /* reasons of HV_STATE_SHUTDOWN */ HV_SHUTDOWN_UNKNOWN = 0, HV_SHUTDOWN_USER = 1 };
enum { /* reasons of HV_STATE_SHUTOFF (virDomainShutoffReason) */
	HV_SHUTOFF_UNKNOWN = 0, HV_SHUTOFF_SHUTDOWN = 1, HV_SHUTOFF_DESTROYED = 2, HV_SHUTOFF_CRASHED = 3,
	HV_SHUTOFF_SAVED = 5, HV_SHUTOFF_FAILED = 6, HV_SHUTOFF_DAEMON = 8,
};
enum { /* reasons of HV_STATE_CRASHED */ HV_CRASHED_UNKNOWN = 0, HV_CRASHED_PANICKED = 1 };

/* Lifecycle events: libvirt's virDomainEventType values, plus REBOOT
 * (libvirt's separate VIR_DOMAIN_EVENT_ID_REBOOT; detail 0). */
typedef enum {
	HV_EVENT_DEFINED = 0, HV_EVENT_UNDEFINED = 1, HV_EVENT_STARTED = 2, HV_EVENT_SUSPENDED = 3,
	HV_EVENT_RESUMED = 4, HV_EVENT_STOPPED = 5, HV_EVENT_SHUTDOWN = 6, HV_EVENT_PMSUSPENDED = 7,
	HV_EVENT_CRASHED = 8, HV_EVENT_REBOOT = 100,
} HvEventType;
/* Event details: libvirt's virDomainEvent*DetailType values. */
enum { HV_EVENT_STARTED_BOOTED = 0, HV_EVENT_STARTED_RESTORED = 2 };
enum { HV_EVENT_SUSPENDED_PAUSED = 0, HV_EVENT_SUSPENDED_IOERROR = 2, HV_EVENT_SUSPENDED_API_ERROR = 6 };
enum { HV_EVENT_RESUMED_UNPAUSED = 0 };
enum {
	HV_EVENT_STOPPED_SHUTDOWN = 0, HV_EVENT_STOPPED_DESTROYED = 1, HV_EVENT_STOPPED_CRASHED = 2,
	HV_EVENT_STOPPED_SAVED = 4, HV_EVENT_STOPPED_FAILED = 5,
};
enum { HV_EVENT_SHUTDOWN_FINISHED = 0, HV_EVENT_SHUTDOWN_GUEST = 1, HV_EVENT_SHUTDOWN_HOST = 2 };
enum { HV_EVENT_CRASHED_PANICKED = 0 };

/* Called for every state change of a domain the runner runs (UUID). */
typedef void (*HvRunnerEventFunc)(HvRunner *runner, const char *uuid, HvEventType type, int detail,
                                  gpointer user_data);

/* How a runner runs engines; zero/NULL fields take the defaults. */
typedef struct {
	const char *qemu;          /* QEMU binary; default qemu-system-x86_64 from PATH */
	const char *vmm;           /* hv-vmm binary; default $HV_VMM, else HV_LIBEXEC_DIR/hv-vmm, else PATH */
	const char *log_dir;       /* <name>.log (engine) and <name>-console.log; default hv_default_log_dir() */
	const char *dump_dir;      /* coredump-* actions write <name>-<time>.core here; default <log_dir>/dump */
	HvAccel accel;             /* force kvm or tcg for hvm domains; unset: kvm where usable */
	guint destroy_timeout_ms;  /* SIGTERM to SIGKILL (and graceful destroy's limit); default 10000 */
	guint start_timeout_ms;    /* engine up and QMP ready within this; default 30000 */
} HvRunnerSettings;

/* Flags of hv_runner_start() and hv_runner_restore(). */
typedef enum { HV_START_PAUSED = 1 << 0 } HvStartFlags;
/* Flags of hv_runner_destroy(): default SIGTERM, SIGKILL after the timeout
 * (libvirt's default); GRACEFUL fails instead of killing; FORCE kills at once. */
typedef enum { HV_DESTROY_GRACEFUL = 1 << 0, HV_DESTROY_FORCE = 1 << 1 } HvDestroyFlags;
/* Flags of hv_runner_reboot(): default ACPI (power button, then reset when
 * the guest has shut down, as libvirt's "fake reboot"); RESET resets at once. */
typedef enum { HV_REBOOT_RESET = 1 << 0 } HvRebootFlags;

/* The log directory used when none is given: $HV_LOG_DIR, else HV_LOG_DIR. */
const char *hv_default_log_dir(void);

/* Whether this host's /dev/kvm can run guests: it must exist and be backed
 * by kvm_intel or kvm_amd (a software KVM such as kvm_pvm cannot). FALSE
 * with HV_ERROR_UNSUPPORTED saying why. */
gboolean hv_host_kvm_usable(GError **error);

/* A runner whose run-state records live in STORE's run directory (STORE
 * must outlive it) and whose I/O runs on CONTEXT (NULL: the default one).
 * SETTINGS may be NULL. */
HvRunner *hv_runner_new(HvStore *store, const HvRunnerSettings *settings, GMainContext *context,
                        GError **error);

/* Frees the runner without touching the guests: they keep running and a
 * later runner takes them back (the daemon's exit path). NULL is fine. */
void hv_runner_free(HvRunner *runner);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvRunner, hv_runner_free)

/* Sets the callback for domain events (replacing any earlier one). */
void hv_runner_set_event_func(HvRunner *runner, HvRunnerEventFunc func, gpointer user_data);

/* The accelerator hvm domains get (kvm or tcg), and whether pvh is offered. */
HvAccel hv_runner_get_accel(HvRunner *runner);
gboolean hv_runner_pvh_available(HvRunner *runner);

/* Takes back every domain of the run directory: a live engine (same pid and
 * start time) is reconnected over QMP; a dead one is reported STOPPED/FAILED
 * with state shutoff/crashed and its record removed. Finishes when all are
 * settled; the caller's hv_runner_list() then lists the running ones. */
void hv_runner_reconnect(HvRunner *runner, GAsyncReadyCallback callback, gpointer user_data);

/* Starts DOMAIN (copied; defaults applied) and, unless PAUSED, lets its
 * vCPUs run. Events STARTED/BOOTED (+ SUSPENDED/PAUSED). A failure leaves no
 * process and no record; its message ends with the tail of the engine log. */
void hv_runner_start(HvRunner *runner, const HvDomain *domain, HvStartFlags flags,
                     GAsyncReadyCallback callback, gpointer user_data);

/* Stops the engine of UUID (see HvDestroyFlags); STOPPED/DESTROYED. */
void hv_runner_destroy(HvRunner *runner, const char *uuid, HvDestroyFlags flags,
                       GAsyncReadyCallback callback, gpointer user_data);

/* Presses the ACPI power button; finishes once the request is delivered
 * (the guest decides; its power-off then applies on_poweroff). */
void hv_runner_shutdown(HvRunner *runner, const char *uuid, GAsyncReadyCallback callback,
                        gpointer user_data);

/* Reboots the guest (see HvRebootFlags); finishes once requested. */
void hv_runner_reboot(HvRunner *runner, const char *uuid, HvRebootFlags flags,
                      GAsyncReadyCallback callback, gpointer user_data);

/* Pauses / resumes the vCPUs: SUSPENDED/PAUSED, RESUMED/UNPAUSED. */
void hv_runner_suspend(HvRunner *runner, const char *uuid, GAsyncReadyCallback callback,
                       gpointer user_data);
void hv_runner_resume(HvRunner *runner, const char *uuid, GAsyncReadyCallback callback,
                      gpointer user_data);

/* Saves the guest's state (QEMU migration stream) and stops it:
 * STOPPED/SAVED, shutoff/saved. The stream is appended to PATH (created if
 * missing), after any header the caller wrote there; its writer holds a
 * flock(2) on PATH until the last byte is written, so the file is complete
 * once LOCK_EX on it succeeds. A failed save lets the guest run on. Not
 * offered for pvh (HV_ERROR_UNSUPPORTED). */
void hv_runner_save(HvRunner *runner, const char *uuid, const char *path,
                    GAsyncReadyCallback callback, gpointer user_data);

/* Starts DOMAIN from a state saved by hv_runner_save(), read from PATH
 * starting at byte OFFSET (past the caller's header): STARTED/RESTORED,
 * running/restored (or paused with HV_START_PAUSED). */
void hv_runner_restore(HvRunner *runner, const HvDomain *domain, const char *path, goffset offset,
                       HvStartFlags flags, GAsyncReadyCallback callback, gpointer user_data);

/* The outcome of any of the operations above. */
gboolean hv_runner_finish(HvRunner *runner, GAsyncResult *result, GError **error);

/* The UUIDs of the domains running now (sorted). */
GPtrArray *hv_runner_list(HvRunner *runner);

/* The state and reason of UUID; a domain not running reports shutoff with
 * the reason it stopped for (unknown if this runner never ran it). */
HvState hv_runner_get_state(HvRunner *runner, const char *uuid, int *reason_r);

/* A copy of the run-state record of UUID (pid, sockets, live config),
 * NULL with HV_ERROR_INVALID_STATE when it is not running. */
HvRunState *hv_runner_get_run_state(HvRunner *runner, const char *uuid, GError **error);

/* Records the caller's ID for running domain UUID (libvirt's domain ID) in
 * its run-state record, so that it survives a daemon restart. */
gboolean hv_runner_set_domain_id(HvRunner *runner, const char *uuid, gint id, GError **error);

/* CPU time used by UUID's engine process so far, in ns. */
gboolean hv_runner_get_cpu_time(HvRunner *runner, const char *uuid, guint64 *ns_r, GError **error);

/* The guest console of UUID: a UNIX socket to connect to (bytes both ways;
 * one client at a time), or NULL with an error where the engine has none. */
char *hv_runner_get_console_socket(HvRunner *runner, const char *uuid, GError **error);

/* The file that keeps everything the console printed (kept after stop). */
char *hv_runner_get_console_log(HvRunner *runner, const HvDomain *domain);

G_END_DECLS
