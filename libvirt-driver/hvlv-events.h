/* hvlv-events: domain event callbacks. Clients register per event ID
 * (CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, optionally for one domain)
 * and get a daemon-wide callback ID; the domain code reports an event once
 * and every matching registration gets it as a MESSAGE with its own ID. */
#pragma once

#include <glib.h>

#include "hvlv-server.h"

/* libvirt's domain event IDs hv knows (virDomainEventID), 0..26 as of 9.0. */
enum {
	HVLV_DOMAIN_EVENT_ID_LIFECYCLE = 0,
	HVLV_DOMAIN_EVENT_ID_REBOOT = 1,
	HVLV_DOMAIN_EVENT_ID_METADATA_CHANGE = 23,
	HVLV_DOMAIN_EVENT_ID_LAST = 27,
};

/* libvirt's lifecycle events (virDomainEventType). */
typedef enum {
	HVLV_EVENT_DEFINED = 0,
	HVLV_EVENT_UNDEFINED = 1,
	HVLV_EVENT_STARTED = 2,
	HVLV_EVENT_SUSPENDED = 3,
	HVLV_EVENT_RESUMED = 4,
	HVLV_EVENT_STOPPED = 5,
	HVLV_EVENT_SHUTDOWN = 6,
	HVLV_EVENT_PMSUSPENDED = 7,
	HVLV_EVENT_CRASHED = 8,
} HvlvLifecycleEvent;

/* Remote procedure numbers of the callback-style event messages. */
#define HVLV_PROC_EVENT_CALLBACK_LIFECYCLE 318
#define HVLV_PROC_EVENT_CALLBACK_REBOOT 319
#define HVLV_PROC_EVENT_CALLBACK_METADATA_CHANGE 379

/* A domain as events name it. */
typedef struct {
	const char *name;
	guint8 uuid[16];
	gint id;                /* -1 when not running */
} HvlvDomainRef;

/* Sends event EVENT_ID about DOM to every client registered for it: the
 * MESSAGE is procedure PROC, its body the callback ID followed by BODY
 * encoded with FILTER. Thread-safe; FALSE if BODY could not be encoded. */
gboolean hvlv_events_emit_domain(HvlvServer *server, gint event_id, const HvlvDomainRef *dom,
                                 guint32 proc, xdrproc_t filter, gconstpointer body);

/* The lifecycle event (EVENT, DETAIL as in virDomainEventType and its
 * detail enums) for DOM. Thread-safe. */
gboolean hvlv_events_domain_lifecycle(HvlvServer *server, const HvlvDomainRef *dom,
                                      HvlvLifecycleEvent event, gint detail);

/* Number of registrations for EVENT_ID (any client). Main loop only. */
guint hvlv_events_count(HvlvServer *server, gint event_id);
