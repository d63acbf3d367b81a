/* hvlv-domains: the driver's domain registry, what libvirt's drivers call
 * their domain object list. One object per known domain, each with a lock
 * of its own, found by name, UUID or (while running) ID. Persistent
 * definitions live in libhv's state store; the registry keeps them in
 * memory with what only a running daemon knows: state, ID, live config.
 *
 * Where state comes from: nothing runs until an engine does. The engine
 * reports every change with hvlv_domains_set_state(), which assigns and
 * drops IDs, forgets stopped transient domains and emits the lifecycle
 * event; all "is it active" answers come from that one place.
 *
 * Locking: the registry's mutex guards its tables, each object's mutex its
 * fields. The order is registry, then object; never the other way. */
#pragma once

#include <glib.h>

#include <hv/engine.h>
#include <hv/hv.h>

#include "hvlv-server.h"

typedef struct HvlvDomains HvlvDomains;
typedef struct HvlvDomainObj HvlvDomainObj;

/* libvirt's virDomainState. */
typedef enum {
	HVLV_DOMAIN_NOSTATE = 0,
	HVLV_DOMAIN_RUNNING = 1,
	HVLV_DOMAIN_BLOCKED = 2,
	HVLV_DOMAIN_PAUSED = 3,
	HVLV_DOMAIN_SHUTDOWN = 4,
	HVLV_DOMAIN_SHUTOFF = 5,
	HVLV_DOMAIN_CRASHED = 6,
	HVLV_DOMAIN_PMSUSPENDED = 7,
} HvlvDomainState;

/* A snapshot of one domain object, taken under its lock. */
typedef struct {
	char *name;
	guint8 uuid[16];
	gint id;                  /* -1 unless active */
	HvlvDomainState state;
	gint reason;              /* libvirt's reason enum of STATE */
	gboolean persistent;
	gboolean autostart;
	gboolean updated;         /* the persistent config changed while running */
	gboolean managed_save;    /* a managed save image exists (shutoff reason: saved) */
	HvDomain *def;            /* the persistent config, or the live one if transient */
	HvDomain *live;           /* the running config; NULL when inactive */
} HvlvDomainInfo;

void hvlv_domain_info_free(HvlvDomainInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvlvDomainInfo, hvlv_domain_info_free)

/* Opens libhv's store on STATE_DIR and RUN_DIR and loads every definition.
 * Files the store had to put aside are described in *PROBLEMS_R (may be
 * NULL), one message each. */
HvlvDomains *hvlv_domains_open(const char *state_dir, const char *run_dir,
                               GPtrArray **problems_r, GError **error);

/* Frees the registry and closes the store; NULL is fine. */
void hvlv_domains_free(HvlvDomains *domains);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvlvDomains, hvlv_domains_free)

/* Sends the registry's events to SERVER's clients from now on. */
void hvlv_domains_attach(HvlvDomains *domains, HvlvServer *server);

/* Object references; every lookup returns a new one. */
HvlvDomainObj *hvlv_domain_obj_ref(HvlvDomainObj *obj);
void hvlv_domain_obj_unref(HvlvDomainObj *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvlvDomainObj, hvlv_domain_obj_unref)

/* Begins a modifying job on OBJ (libvirt's state change lock: one at a time
 * per domain, readers go on); waits up to 30 s for the one in progress, then
 * fails with VIR_ERR_OPERATION_TIMEOUT naming WHAT the holder runs. */
gboolean hvlv_domain_obj_begin_job(HvlvDomainObj *obj, const char *what, GError **error);
/* Ends the job begun on OBJ and lets the next one in. */
void hvlv_domain_obj_end_job(HvlvDomainObj *obj);
/* An object whose job ends when the variable goes out of scope. */
typedef HvlvDomainObj HvlvDomainJob;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HvlvDomainJob, hvlv_domain_obj_end_job)

/* Lookups; NULL with VIR_ERR_NO_DOMAIN worded as libvirt's drivers do. */
HvlvDomainObj *hvlv_domains_lookup_by_name(HvlvDomains *domains, const char *name, GError **error);
HvlvDomainObj *hvlv_domains_lookup_by_uuid(HvlvDomains *domains, const guint8 *uuid, GError **error);
HvlvDomainObj *hvlv_domains_lookup_by_id(HvlvDomains *domains, gint id, GError **error);
/* The object a call's domain argument names (by UUID; NAME is for the error). */
HvlvDomainObj *hvlv_domains_get(HvlvDomains *domains, const guint8 *uuid, const char *name,
                                GError **error);

/* Snapshots (without configs) of every domain, sorted by name. */
GPtrArray *hvlv_domains_list(HvlvDomains *domains);
/* Number of active domains (the daemon's "busy" test). */
guint hvlv_domains_count_active(HvlvDomains *domains);

/* A snapshot of OBJ; with WITH_CONFIG, copies of its configs too. */
HvlvDomainInfo *hvlv_domain_obj_info(HvlvDomainObj *obj, gboolean with_config);

/* Defines DEF (taken): new, or replacing the definition with its UUID.
 * libvirt's rules and wording for clashes of name and UUID; emits DEFINED
 * (ADDED or UPDATED). The object defined, with a reference. */
HvlvDomainObj *hvlv_domains_define(HvlvDomains *domains, HvDomain *def, GError **error);

/* Removes OBJ's persistent definition: an inactive domain goes, an active
 * one becomes transient. Emits UNDEFINED. */
gboolean hvlv_domains_undefine(HvlvDomains *domains, HvlvDomainObj *obj, GError **error);

/* libvirt's virDomainModificationImpact: which config a call changes. */
enum {
	HVLV_AFFECT_CURRENT = 0,
	HVLV_AFFECT_LIVE = 1 << 0,
	HVLV_AFFECT_CONFIG = 1 << 1,
};

/* Changes OBJ's configs in place, for the calls that change one setting
 * (autostart, metadata): AFFECT (HVLV_AFFECT_*) is resolved as libvirt
 * does (CURRENT is LIVE when active, else CONFIG; LIVE needs a running
 * domain, CONFIG a persistent one); EDIT(def, data, error) works on a copy
 * of each affected config under the object's lock; a changed persistent
 * config is stored before it is kept. */
typedef gboolean (*HvlvDomainEditFunc)(HvDomain *def, gpointer data, GError **error);
gboolean hvlv_domain_obj_edit(HvlvDomainObj *obj, guint affect, HvlvDomainEditFunc edit,
                              gpointer data, GError **error);

/* The engine's hook: OBJ is now in STATE for REASON. Leaving SHUTOFF gives
 * it the next ID and LIVE (taken; NULL: a copy of its definition) as the
 * running config; entering SHUTOFF drops both and forgets a transient
 * domain. Emits the lifecycle EVENT/DETAIL unless EVENT is negative. */
void hvlv_domains_set_state(HvlvDomains *domains, HvlvDomainObj *obj, HvlvDomainState state,
                            gint reason, HvDomain *live, gint event, gint detail);

/* Adds a domain known only while it runs (virDomainCreateXML): DEF is
 * taken; it starts in STATE. Same clash rules as define. */
HvlvDomainObj *hvlv_domains_add_transient(HvlvDomains *domains, HvDomain *def,
                                          HvlvDomainState state, gint reason, GError **error);

/* The names of the domains marked autostart that are not running. */
GPtrArray *hvlv_domains_autostart_names(HvlvDomains *domains);

/* Sends the metadata-change event (type, namespace URI or NULL) for OBJ. */
void hvlv_domains_emit_metadata_change(HvlvDomains *domains, HvlvDomainObj *obj, gint type,
                                       const char *nsuri);

/* The libhv store the registry keeps its definitions in. */
HvStore *hvlv_domains_get_store(HvlvDomains *domains);

/* Runs the domains with RUNNER (borrowed), whose I/O and callbacks happen
 * on CONTEXT (NULL: the thread-default one); its events update the
 * registry and reach the clients as lifecycle events. */
void hvlv_domains_set_runner(HvlvDomains *domains, HvRunner *runner, GMainContext *context);

/* What hvlv_domains_engine_run() does. */
typedef enum {
	HVLV_ENGINE_START,    /* DEF, flags HvStartFlags */
	HVLV_ENGINE_DESTROY,  /* flags HvDestroyFlags */
	HVLV_ENGINE_SHUTDOWN,
	HVLV_ENGINE_REBOOT,   /* flags HvRebootFlags */
	HVLV_ENGINE_SUSPEND,
	HVLV_ENGINE_RESUME,
	HVLV_ENGINE_SAVE,     /* through hvlv_domains_engine_save() */
	HVLV_ENGINE_RESTORE,  /* through hvlv_domains_engine_restore() */
} HvlvEngineOp;

/* Runs OP of the runner for UUID (or DEF) on the runner's context and
 * waits for it, from any thread; libhv errors become libvirt's. */
gboolean hvlv_domains_engine_run(HvlvDomains *domains, HvlvEngineOp op, const char *uuid,
                                 const HvDomain *def, guint flags, GError **error);

/* Saves running UUID's state, appended to PATH, and stops it (STOPPED/SAVED). */
gboolean hvlv_domains_engine_save(HvlvDomains *domains, const char *uuid, const char *path,
                                  GError **error);

/* Starts DEF from the state in PATH at OFFSET (STARTED/RESTORED); FLAGS
 * are HvStartFlags. */
gboolean hvlv_domains_engine_restore(HvlvDomains *domains, const HvDomain *def, const char *path,
                                     goffset offset, guint flags, GError **error);

/* The console socket of running UUID, or NULL with an error. */
char *hvlv_domains_engine_console(HvlvDomains *domains, const char *uuid, GError **error);

/* The CPU time of running UUID in ns (0 when unknown). */
guint64 hvlv_domains_engine_cpu_time(HvlvDomains *domains, const char *uuid);

/* On the runner's context, after hv_runner_reconnect(): the guests still
 * running become active in the registry (transient ones are added back). */
void hvlv_domains_adopt_running(HvlvDomains *domains);

/* Parses a canonical UUID string into 16 bytes; FALSE if it is not one. */
gboolean hvlv_uuid_parse(const char *str, guint8 *uuid);
/* The canonical lower-case form of UUID (37 bytes with the NUL). */
void hvlv_uuid_format(const guint8 *uuid, char *str);
