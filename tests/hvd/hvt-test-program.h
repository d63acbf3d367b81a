/* hvt-test-program: the remote program plus test-only procedures, served
 * only by in-process test servers (never by hvd): a slow call, a domain
 * lookup stub and a console stream source. */
#pragma once

#include "hvlv-program.h"
#include "hvt-rpc.h"
#include "hvt-server.h"

enum {
	HVT_PROC_SLEEP = 5000,       /* args {int ms}: sleeps, replies {int ms} */
	HVT_PROC_STREAM_FAIL = 5001, /* opens a stream, then fails */
};

/* The name of the one domain the lookup stub knows, and its UUID. */
#define HVT_DOMAIN_NAME "t0"
extern const guint8 hvt_domain_uuid[16];

/* What the console stream source saw, for assertions. */
typedef struct {
	gint opened, aborted, finished;
	GString *received;
} HvtStreamLog;

/* The program; the stream log it fills. */
const HvlvProgram *hvt_test_program(void);
HvtStreamLog *hvt_test_stream_log(void);

/* A test server for this program with libvirtd's defaults but the
 * keepalive settings given. */
HvtServer *hvt_test_server_start(gint keepalive_interval, guint keepalive_count);

/* Connects to TS's read-write socket and opens hv:///system. */
HvtRpc *hvt_test_connect_open(HvtServer *ts);
