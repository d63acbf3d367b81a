/* hvlv-keepalive: when to PING, when to give up (virkeepalive.c's rules). */
#include "config.h"

#include "hvlv-keepalive.h"

void
hvlv_keepalive_start(HvlvKeepalive *ka, gint interval_s, guint count, gint64 now)
{
	ka->enabled = interval_s > 0;
	ka->interval = (gint64)interval_s * G_USEC_PER_SEC;
	ka->count = count;
	ka->count_to_death = count;
	ka->interval_start = now;
	ka->last_received = now;
}

void
hvlv_keepalive_received(HvlvKeepalive *ka, gint64 now)
{
	ka->last_received = now;
	ka->interval_start = now;
	ka->count_to_death = ka->count;
}

HvlvKeepaliveAction
hvlv_keepalive_check(HvlvKeepalive *ka, gint64 now, gint64 *next_r)
{
	if (!ka->enabled) {
		*next_r = G_MAXINT64;
		return HVLV_KEEPALIVE_WAIT;
	}
	if (now - ka->interval_start < ka->interval) {
		*next_r = ka->interval_start + ka->interval;
		return HVLV_KEEPALIVE_WAIT;
	}
	if (ka->count_to_death == 0) {
		*next_r = G_MAXINT64;
		return HVLV_KEEPALIVE_DEAD;
	}
	ka->count_to_death--;
	ka->interval_start = now;
	*next_r = now + ka->interval;
	return HVLV_KEEPALIVE_SEND_PING;
}
