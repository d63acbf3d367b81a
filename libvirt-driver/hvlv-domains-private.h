/* hvlv-domains-private: the registry's structures, shared by
 * hvlv-domains.c (tables, lookups) and hvlv-domains-change.c (define,
 * undefine, edits, state); nothing else includes this. */
#pragma once

#include "hvlv-domains.h"

struct HvlvDomains {
	HvStore *store;
	GMutex lock;            /* guards the tables and next_id */
	GHashTable *by_uuid;    /* uuid_str -> HvlvDomainObj (holds a reference) */
	GHashTable *by_name;    /* name -> HvlvDomainObj */
	GHashTable *by_id;      /* GINT_TO_POINTER(id) -> HvlvDomainObj, active ones */
	gint next_id;
	HvlvServer *server;     /* where events go; NULL: nowhere */
	HvRunner *runner;       /* runs the domains; NULL: nothing runs */
	GMainContext *context;  /* the runner's */
};

struct HvlvDomainObj {
	gatomicrefcount ref;
	HvlvDomains *domains;
	char *name;             /* never changes: a rename is a clash */
	guint8 uuid[16];
	char uuid_str[37];
	GMutex lock;            /* guards everything below */
	HvDomain *def;          /* persistent config, or the only one of a transient domain */
	HvDomain *live;         /* running config, NULL when inactive */
	gboolean persistent;
	gboolean updated;
	gboolean removed;       /* no longer in the registry */
	gint id;                /* -1 when inactive */
	HvlvDomainState state;
	gint reason;
	char *job;              /* what the modifying job in progress runs; NULL: none */
	GCond job_done;         /* signalled when it ends */
};

/* A new object for DEF (taken), persistent and shut off; one reference. */
HvlvDomainObj *hvlv__domain_obj_new(HvlvDomains *domains, HvDomain *def);
/* Registry lock held: adds OBJ (its reference goes to the tables). */
void hvlv__domains_insert(HvlvDomains *domains, HvlvDomainObj *obj);
/* Registry and object locks held: takes OBJ out of every table. */
void hvlv__domains_remove(HvlvDomains *domains, HvlvDomainObj *obj);

/* After a daemon restart: OBJ gets back the ID ID it had (when no other
 * object holds it), and new IDs start above it. */
void hvlv__domains_take_id(HvlvDomains *domains, HvlvDomainObj *obj, gint id);
