/* Test support for libhv's runner (hv/engine.h): a runner in a temporary
 * state/run/log directory, its events recorded, the main loop run until an
 * operation finishes or a condition holds, and the test guest's console. */
#pragma once

#include <hv/hv.h>

typedef struct {
	char *dir;           /* temporary directory holding state/, run/, log/ */
	HvStore *store;
	HvRunner *runner;
	GPtrArray *events;   /* char *: "NAME TYPE DETAIL", in order */
	GHashTable *names;   /* uuid -> name, for the event log */
} HvtRunner;

/* A runner on the default main context in DIR (NULL: a new temporary
 * directory), with TCG forced so results do not depend on the host. */
HvtRunner *hvt_runner_new(const char *dir);
void hvt_runner_free(HvtRunner *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvtRunner, hvt_runner_free)

/* The test guest as an hvm domain called NAME (q35 + bzImage, 256 MiB), or
 * NULL when the guest or QEMU is missing (the test is then skipped). */
HvDomain *hvt_guest_domain(const char *name);

/* Runs the main loop until the operation started by START (called with
 * the callback) finishes; returns hv_runner_finish()'s result. */
typedef void (*HvtOpFunc)(HvtRunner *t, GAsyncReadyCallback cb, gpointer cb_data, gpointer data);
gboolean hvt_run_op(HvtRunner *t, HvtOpFunc start, gpointer data, GError **error);

/* Shorthands for the operations, each run to completion. */
gboolean hvt_start(HvtRunner *t, const HvDomain *d, HvStartFlags flags, GError **error);
gboolean hvt_destroy(HvtRunner *t, const char *uuid, HvDestroyFlags flags, GError **error);
gboolean hvt_shutdown(HvtRunner *t, const char *uuid, GError **error);
gboolean hvt_reboot(HvtRunner *t, const char *uuid, GError **error);
gboolean hvt_suspend(HvtRunner *t, const char *uuid, GError **error);
gboolean hvt_resume(HvtRunner *t, const char *uuid, GError **error);
gboolean hvt_save(HvtRunner *t, const char *uuid, const char *path, GError **error);
gboolean hvt_restore(HvtRunner *t, const HvDomain *d, const char *path, GError **error);
gboolean hvt_reconnect(HvtRunner *t, GError **error);

/* Waits (running the main loop) until event "NAME TYPE DETAIL" has been
 * recorded; FALSE on timeout. */
gboolean hvt_wait_event(HvtRunner *t, const char *event, guint timeout_ms);

/* Waits until the console log of D holds NEEDLE at least COUNT times. */
gboolean hvt_wait_console(HvtRunner *t, const HvDomain *d, const char *needle, guint count,
                          guint timeout_ms);

/* Types TEXT on the console socket of the domain UUID. */
void hvt_console_type(HvtRunner *t, const char *uuid, const char *text);

/* The recorded lifecycle events of domain NAME, space-separated
 * "TYPE/DETAIL" items. Reboot events are left out: after a reset, SeaBIOS
 * and the -kernel loader reset the machine a varying number of times more
 * (each a real RESET, reported as libvirt would); count them with
 * hvt_count_events(). */
char *hvt_events_of(HvtRunner *t, const char *name);

/* How often EVENT ("NAME TYPE/DETAIL" or "NAME reboot") was recorded. */
guint hvt_count_events(HvtRunner *t, const char *event);

/* Asserts that the lifecycle events of NAME (hvt_events_of) are EXPECTED. */
void hvt_assert_events(HvtRunner *t, const char *name, const char *expected);

/* Asserts the runner's state and reason of domain UUID. */
void hvt_assert_state(HvtRunner *t, const char *uuid, HvState state, int reason);

/* Whether the run-state record of UUID is in the run directory. */
gboolean hvt_run_state_exists(HvtRunner *t, const char *uuid);

/* The engine pid in the run-state record of UUID under state directory DIR. */
int hvt_run_state_pid(const char *dir, const char *uuid);

#define HVT_READY "HV-GUEST-READY kernel="
#define HVT_BOOT_MS 120000
