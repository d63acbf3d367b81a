/* vmm-console: hv-vmm's standard input as the guest's console keyboard.
 * On a terminal it switches to raw mode (restored at exit) and takes
 * Ctrl-A x to quit, as kvmtool and QEMU do. */
#pragma once

#include <stdint.h>

#include <glib.h>

typedef struct VmmConsoleIn VmmConsoleIn;

/* Called with what was typed; LEN bytes at DATA. */
typedef void (*VmmConsoleSink)(void *opaque, const uint8_t *data, gsize len);

/* Watches standard input in the default main context; QUIT runs on Ctrl-A x. */
VmmConsoleIn *vmm_console_in_new(VmmConsoleSink sink, GSourceFunc quit, void *opaque);

/* Stops watching and restores the terminal. NULL-safe. */
void vmm_console_in_free(VmmConsoleIn *in);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VmmConsoleIn, vmm_console_in_free)
