/* hvt-qemu: run a QEMU process for a test, with its serial console on a
 * pipe and a QMP connection, and wait for console text, QMP events and exit. */
#pragma once

#include <glib.h>
#include <json-c/json.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC(json_object, json_object_put)

typedef struct HvtQemu HvtQemu;

/* Starts qemu-system-x86_64 with ARGS (machine, kernel, ...) plus a serial
 * console on a pipe and a QMP socket, and completes the QMP handshake. */
HvtQemu *hvt_qemu_spawn(const char *const *args, GError **error);

/* Starts hv-vmm (the program VMM) with ARGS plus its QMP socket, the serial
 * console on pipes as for QEMU, and completes the QMP handshake. */
HvtQemu *hvt_vmm_spawn(const char *vmm, const char *const *args, GError **error);

/* The process ID of the QEMU (or hv-vmm) process. */
GPid hvt_qemu_pid(HvtQemu *q);

/* Waits until the console has printed NEEDLE since the previous match;
 * FALSE on timeout or exit. */
gboolean hvt_qemu_wait_console(HvtQemu *q, const char *needle, guint timeout_ms);

/* Sends TEXT to the guest's serial console as if typed. */
gboolean hvt_qemu_type(HvtQemu *q, const char *text, GError **error);

/* Runs a QMP command (ARGS_JSON may be NULL) and returns its "return"
 * value; NULL with ERROR set on a QMP error, timeout or closed socket. */
json_object *hvt_qmp_execute(HvtQemu *q, const char *command, const char *args_json,
                             GError **error);

/* Waits for the QMP event NAME (events already received count too). */
gboolean hvt_qmp_wait_event(HvtQemu *q, const char *name, guint timeout_ms);

/* Like hvt_qmp_wait_event, but returns the whole event object (or NULL). */
json_object *hvt_qmp_take_event(HvtQemu *q, const char *name, guint timeout_ms);

/* Waits for QEMU to exit; TRUE with its wait status in STATUS_R if it did. */
gboolean hvt_qemu_wait_exit(HvtQemu *q, guint timeout_ms, int *status_r);

/* Seconds since the process was started. */
double hvt_qemu_elapsed(HvtQemu *q);

/* Everything the console printed so far, and the tail of QEMU's stderr. */
const char *hvt_qemu_console(HvtQemu *q);
char *hvt_qemu_stderr(HvtQemu *q);

/* Kills QEMU if it still runs and releases everything. NULL-safe. */
void hvt_qemu_free(HvtQemu *q);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvtQemu, hvt_qemu_free)

/* The test guest built by tests/guest/build-guest: path of FILE inside it,
 * or NULL (and the test is skipped) when it is not there. */
char *hvt_guest_file(const char *file);

/* TRUE if PROGRAM is on PATH; otherwise marks the test skipped. */
gboolean hvt_require_program(const char *program);
