/* vmm-console-socket: the guest console on a UNIX socket, as QEMU's
 * "-chardev socket,server=on,wait=off": one client at a time (a new one
 * replaces the old) types on the console and sees what it prints, while
 * standard output keeps getting everything (libhv's console log). */
#pragma once

#include <glib.h>

#include "vmm-console.h"

typedef struct VmmConsoleSocket VmmConsoleSocket;

/* Listens on PATH and routes standard output through the main loop, so
 * the console's output reaches both it and the client; what the client
 * writes goes to SINK. NULL with ERROR if PATH cannot be served. */
VmmConsoleSocket *vmm_console_socket_new(const char *path, VmmConsoleSink sink, void *opaque,
                                         GError **error);

/* Passes on output still pending, restores standard output, closes and
 * removes the socket. NULL-safe. */
void vmm_console_socket_free(VmmConsoleSocket *cs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmConsoleSocket, vmm_console_socket_free)
