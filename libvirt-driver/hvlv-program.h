/* hvlv-program: the procedure table. One row per libvirt remote procedure
 * hv knows: its number, the public API it stands for, the handler, the XDR
 * filters of its arguments and reply, and flags. hvlv-procedures.c holds
 * the table of the remote program; README.md says how to add a row. */
#pragma once

#include <glib.h>

#include "hvlv_protocol.h"

typedef struct HvlvServer HvlvServer;
typedef struct HvlvClient HvlvClient;
typedef struct HvlvCall HvlvCall;

/* A handler fills RET (zeroed, of the row's ret_size) from ARGS (decoded),
 * or returns FALSE with ERROR set (see hvlv-error.h). Strings and arrays it
 * puts into RET must be malloc()ed (g_malloc is fine): xdr_free releases
 * them after the reply is encoded. */
typedef gboolean (*HvlvProcHandler)(HvlvCall *call, gpointer args, gpointer ret, GError **error);

typedef enum {
	HVLV_PROC_WRITE = 1 << 0,       /* changes something: denied on read-only connections */
	HVLV_PROC_INLINE = 1 << 1,      /* cheap and never blocks: runs on the main loop */
	HVLV_PROC_PRIORITY = 1 << 2,    /* runs on the priority workers, never behind slow calls */
	HVLV_PROC_BEFORE_OPEN = 1 << 3, /* allowed before CONNECT_OPEN */
} HvlvProcFlags;

typedef struct {
	guint32 number;
	const char *api;          /* the public API, e.g. "virConnectGetType" */
	HvlvProcHandler handler;  /* NULL: known to libvirt, not implemented by hv */
	xdrproc_t args_filter;    /* NULL: no arguments */
	gsize args_size;
	xdrproc_t ret_filter;     /* NULL: empty reply */
	gsize ret_size;
	guint flags;              /* HvlvProcFlags */
} HvlvProcedure;

typedef struct {
	const HvlvProcedure *procs; /* sorted by number */
	gsize n_procs;
	guint32 last_known;         /* the highest procedure number libvirt defines */
} HvlvProgram;

/* The remote program (0x20008086) with every procedure hv knows. */
const HvlvProgram *hvlv_remote_program(void);

/* The row for NUMBER, or NULL. */
const HvlvProcedure *hvlv_program_find(const HvlvProgram *program, guint32 number);

/* What a handler may ask about its call. */
HvlvServer *hvlv_call_server(HvlvCall *call);
HvlvClient *hvlv_call_client(HvlvCall *call);
const HvlvProcedure *hvlv_call_procedure(HvlvCall *call);
guint32 hvlv_call_serial(HvlvCall *call);

/* Whether the client connected through a read-only socket. */
gboolean hvlv_client_is_readonly(HvlvClient *client);
/* The URI the client opened, NULL before CONNECT_OPEN. */
const char *hvlv_client_uri(HvlvClient *client);
/* The peer's credentials (SO_PEERCRED); -1 when unknown. */
gint64 hvlv_client_pid(HvlvClient *client);
gint64 hvlv_client_uid(HvlvClient *client);
/* A number naming the client in logs. */
guint64 hvlv_client_id(HvlvClient *client);
