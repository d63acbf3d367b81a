/* Internals of the state store (the files of store/). */
#pragma once

#include <glib.h>

struct HvStore {
	GMutex lock;         /* held for each call, see hv/store.h */
	char *state_dir, *run_dir;
	int lock_fd;         /* holds the state directory's flock */
	GHashTable *by_uuid; /* lower-case uuid -> HvDomain (owned) */
	GHashTable *by_name; /* name -> HvDomain (borrowed) */
};

/* Temporary files of atomic writes are ".<name>.tmp-XXXXXX". */
#define HV__TMP_SUFFIX ".tmp-"

/* Sets HV_ERROR_IO "cannot WHAT PATH: strerror(errno)"; returns FALSE. */
gboolean hv__io_error(GError **error, const char *what, const char *path);

/* fsync()s the directory DIR, so that renames in it are durable. */
gboolean hv__fsync_dir(const char *dir, GError **error);

/* Takes the exclusive lock of DIR (DIR/hv.lock, holding our pid); the
 * descriptor to keep open, or -1 with HV_ERROR_BUSY naming the holder. */
int hv__lock_dir(const char *dir, GError **error);

/* Moves the unreadable file PATH aside to PATH.broken (or .broken.N) and
 * returns the message that reports it (WHY says what is wrong, naming
 * PATH). */
char *hv__quarantine(const char *path, const char *why);

/* Reads the *.json files of DIR, in name order: calls LOAD for each, and
 * moves aside (reporting in PROBLEMS) those it fails on. Removes leftover
 * temporary files. */
typedef gboolean (*HvLoadFunc)(const char *path, const char *data, gsize len, gpointer user_data,
                               GError **error);
gboolean hv__load_dir(const char *dir, HvLoadFunc load, gpointer user_data, GPtrArray *problems,
                      GError **error);
