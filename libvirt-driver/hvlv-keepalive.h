/* hvlv-keepalive: libvirt's keepalive rules for one peer, as pure logic
 * (times in microseconds from g_get_monotonic_time, so tests can pass their
 * own). After INTERVAL seconds without any message from the peer a PING is
 * due; every message resets the count; after COUNT PINGs without an answer
 * and one more interval the peer is dead, (COUNT + 1) * INTERVAL in all. */
#pragma once

#include <glib.h>

typedef struct {
	gboolean enabled;
	gint64 interval;        /* microseconds */
	guint count;
	guint count_to_death;
	gint64 interval_start;
	gint64 last_received;
} HvlvKeepalive;

typedef enum {
	HVLV_KEEPALIVE_WAIT,      /* nothing to do before *next_r */
	HVLV_KEEPALIVE_SEND_PING, /* send a PING now, check again at *next_r */
	HVLV_KEEPALIVE_DEAD,      /* the peer stopped answering: drop it */
} HvlvKeepaliveAction;

/* Starts the rules at NOW; INTERVAL_S <= 0 leaves keepalive off. */
void hvlv_keepalive_start(HvlvKeepalive *ka, gint interval_s, guint count, gint64 now);

/* Any message arrived from the peer at NOW. */
void hvlv_keepalive_received(HvlvKeepalive *ka, gint64 now);

/* What is due at NOW; *NEXT_R is when to check again. */
HvlvKeepaliveAction hvlv_keepalive_check(HvlvKeepalive *ka, gint64 now, gint64 *next_r);
