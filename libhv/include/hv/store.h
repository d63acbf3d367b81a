/* hv/store.h: the state store. One JSON file per defined domain in the
 * state directory (<uuid>.json) and one per running domain in the run
 * directory (<uuid>.json), each written atomically: a temporary file in the
 * same directory, fsync, rename over the old file, fsync of the directory.
 * A reader therefore sees the old file or the new one, never a mix, even
 * when the writer is killed or the host loses power.
 *
 * One process owns a state directory at a time: hv_store_open() takes an
 * exclusive lock (flock on <state dir>/hv.lock, which holds the owner's
 * pid), and a second opener fails with HV_ERROR_BUSY naming that pid.
 *
 * Thread safety: an HvStore may be used from several threads at once. Each
 * call takes the store's mutex for its own duration, so calls are atomic
 * with respect to each other; lookups return copies the caller owns. What
 * the store does not do is serialise a read-modify-write across calls
 * (e.g. lookup, change, define): the daemon's per-domain job lock does. */
#pragma once

#include <glib.h>

#include <hv/model.h>

G_BEGIN_DECLS

typedef struct HvStore HvStore;

/* The runtime record of a running domain (run directory). */
typedef struct {
	char *uuid;
	char *name;
	HvEngine engine;
	HvInt pid;              /* the engine process */
	HvInt pid_start_time;   /* its start time, field 22 of /proc/PID/stat,
	                         * to tell it from a later process with that pid */
	char *control_socket;   /* QMP socket */
	char *console_path;     /* console socket or pty */
	char *log_path;         /* the engine's log */
	HvInt started_at;       /* µs since the epoch */
	HvDomain *live;         /* the configuration the engine runs */
	char *console_log;      /* everything the console printed */
	char *pidfile;          /* the engine's pid file */
	HvInt state;            /* libvirt's virDomainState (HvState, hv/engine.h) */
	HvInt state_reason;     /* and its reason */
	HvTristate fake_reboot; /* a power-off of the guest is a reboot (virsh reboot) */
	HvInt domain_id;        /* the daemon's ID for it (libvirt's domain ID), kept
	                         * so a restarted daemon gives it the same one */
} HvRunState;

HV_DECLARE_MODEL_TYPE(HvRunState, hv_run_state)

/* The state directory to use when none is given: $HV_STATE_DIR, else the
 * one configured at build time (--with-state-dir, /var/lib/hv). */
const char *hv_default_state_dir(void);

/* The run directory to use when none is given: $HV_RUN_DIR, else the one
 * configured at build time (--with-run-dir, /run/hv). */
const char *hv_default_run_dir(void);

/* Opens the store on STATE_DIR and RUN_DIR (NULL: the defaults), creating
 * them (mode 0700) if needed, and locks the state directory. Nothing is
 * read yet: call hv_store_load(). */
HvStore *hv_store_open(const char *state_dir, const char *run_dir, GError **error);

/* Releases the lock and frees the store; NULL is fine. */
void hv_store_close(HvStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvStore, hv_store_close)

/* The directories the store uses. */
const char *hv_store_get_state_dir(HvStore *store);
const char *hv_store_get_run_dir(HvStore *store);

/* Reads every domain file of the state directory into the store (again,
 * replacing what it held, when called a second time). A file
 * that cannot be read, parsed or validated, or whose name or UUID another
 * file already has, is renamed to <file>.broken (or .broken.N) and kept;
 * each such file adds one message (path, reason, new name) to *PROBLEMS_R
 * (may be NULL). Leftover temporary files of interrupted writes are
 * removed. FALSE only when the directory itself cannot be read. */
gboolean hv_store_load(HvStore *store, GPtrArray **problems_r, GError **error);

/* Copies of every defined domain, sorted by name. */
GPtrArray *hv_store_list(HvStore *store);

/* A copy of the domain called NAME, or NULL with HV_ERROR_NO_DOMAIN. */
HvDomain *hv_store_lookup_by_name(HvStore *store, const char *name, GError **error);

/* A copy of the domain with UUID (any case), or NULL with HV_ERROR_NO_DOMAIN. */
HvDomain *hv_store_lookup_by_uuid(HvStore *store, const char *uuid, GError **error);

/* Defines DOMAIN or replaces its definition: validates it, gives it a UUID
 * if it has none, writes its file and updates the store. A domain with the
 * same name and another UUID, or the same UUID and another name, is
 * HV_ERROR_EXISTS (as libvirt's "already exists with uuid"). Returns a copy
 * of what was stored; *CREATED_R (may be NULL) says whether it is new. */
HvDomain *hv_store_define(HvStore *store, const HvDomain *domain, gboolean *created_r,
                          GError **error);

/* Removes the definition of the domain with UUID and its file;
 * HV_ERROR_NO_DOMAIN if there is none. */
gboolean hv_store_undefine(HvStore *store, const char *uuid, GError **error);

/* Writes the run-state record of a running domain (atomically). */
gboolean hv_store_save_run_state(HvStore *store, const HvRunState *state, GError **error);

/* Reads the run-state record of the domain with UUID; NULL with
 * HV_ERROR_NO_DOMAIN when it is not running. */
HvRunState *hv_store_load_run_state(HvStore *store, const char *uuid, GError **error);

/* Every run-state record of the run directory (after a daemon restart:
 * the domains that may still be running). Unreadable files are kept aside
 * and reported as in hv_store_load(). */
GPtrArray *hv_store_list_run_states(HvStore *store, GPtrArray **problems_r, GError **error);

/* Removes the run-state record of the domain with UUID (stopped); not an
 * error when there is none. */
gboolean hv_store_delete_run_state(HvStore *store, const char *uuid, GError **error);

/* Writes LEN bytes of DATA to PATH atomically (temporary file in the same
 * directory, fsync, rename, directory fsync) with MODE. */
gboolean hv_file_write_atomic(const char *path, const char *data, gsize len, int mode,
                              GError **error);

G_END_DECLS
