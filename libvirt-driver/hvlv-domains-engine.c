/* hvlv-domains-engine: the registry driven by libhv's HvRunner. The runner
 * lives on one GMainContext (hvd's main loop); handlers run on worker
 * threads, so each operation is handed to that context and the worker
 * waits for its outcome. Every event of the runner becomes a state change
 * of the registry through hvlv_domains_set_state(). */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hvlv-domains-private.h"
#include "hvlv-error.h"
#include "hvlv-events.h"

/* A worker's wait for something done on the runner's context. */
typedef struct {
	GMainContext *context;
	GMutex lock;
	GCond cond;
	gboolean done;
} HvlvWaiter;

static void
hvlv_waiter_init(HvlvWaiter *w, GMainContext *context)
{
	w->context = context;
	g_mutex_init(&w->lock);
	g_cond_init(&w->cond);
	w->done = FALSE;
}

static void
hvlv_waiter_signal(HvlvWaiter *w)
{
	g_mutex_lock(&w->lock);
	w->done = TRUE;
	g_cond_signal(&w->cond);
	g_mutex_unlock(&w->lock);
}

/* Waits for the signal; a thread that can own the context (the main loop's
 * own, or hvd before its loop runs) iterates it instead of blocking. */
static void
hvlv_waiter_wait(HvlvWaiter *w)
{
	if (g_main_context_acquire(w->context)) {
		while (!g_atomic_int_get(&w->done))
			g_main_context_iteration(w->context, TRUE);
		g_main_context_release(w->context);
	} else {
		g_mutex_lock(&w->lock);
		while (!w->done)
			g_cond_wait(&w->cond, &w->lock);
		g_mutex_unlock(&w->lock);
	}
	g_mutex_clear(&w->lock);
	g_cond_clear(&w->cond);
}

/* One operation handed to the runner's context. */
typedef struct {
	HvlvWaiter wait;
	HvlvDomains *domains;
	HvlvEngineOp op;
	char *uuid;
	HvDomain *def;
	guint flags;
	const char *path;  /* save, restore: the image */
	goffset offset;    /* restore: where its stream starts */
	gboolean ok;
	GError *error;
} HvlvEngineCall;

HvStore *
hvlv_domains_get_store(HvlvDomains *domains)
{
	return domains->store;
}

/* libvirt's separate reboot event (VIR_DOMAIN_EVENT_ID_REBOOT): its
 * message body after the callback ID is just the domain. */
static void
hvlv_domains_emit_reboot(HvlvDomains *domains, HvlvDomainObj *obj)
{
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, FALSE);
	if (!domains->server)
		return;
	HvlvDomainRef ref = { .name = info->name, .id = info->id };
	memcpy(ref.uuid, info->uuid, sizeof(ref.uuid));
	hvlv_domain_ret msg = { .dom = { .name = info->name, .id = info->id } };
	memcpy(msg.dom.uuid, info->uuid, sizeof(msg.dom.uuid));
	hvlv_events_emit_domain(domains->server, HVLV_DOMAIN_EVENT_ID_REBOOT, &ref,
	                        HVLV_PROC_EVENT_CALLBACK_REBOOT, (xdrproc_t)xdr_hvlv_domain_ret, &msg);
}

/* Runner thread: the runner's state of UUID becomes the object's. */
static void
hvlv_domains_on_event(HvRunner *runner, const char *uuid, HvEventType type, int detail,
                      gpointer data)
{
	HvlvDomains *domains = data;
	guint8 bytes[16];
	if (!hvlv_uuid_parse(uuid, bytes))
		return;
	g_autoptr(HvlvDomainObj) obj = hvlv_domains_lookup_by_uuid(domains, bytes, NULL);
	if (!obj)
		return;
	if (type == HV_EVENT_REBOOT) {
		hvlv_domains_emit_reboot(domains, obj);
		return;
	}
	int reason = 0;
	HvState state = hv_runner_get_state(runner, uuid, &reason);
	HvDomain *live = NULL;
	if (state != HV_STATE_SHUTOFF) {
		g_autoptr(HvRunState) rs = hv_runner_get_run_state(runner, uuid, NULL);
		live = rs ? g_steal_pointer(&rs->live) : NULL;
	}
	hvlv_domains_set_state(domains, obj, (HvlvDomainState)state, reason, live, (gint)type,
	                       detail);
	g_autoptr(HvlvDomainInfo) info = hvlv_domain_obj_info(obj, FALSE);
	if (info->id >= 0) /* kept in the run state for the next hvd */
		hv_runner_set_domain_id(runner, uuid, info->id, NULL);
}

void
hvlv_domains_set_runner(HvlvDomains *domains, HvRunner *runner, GMainContext *context)
{
	domains->runner = runner;
	domains->context = context ? g_main_context_ref(context) : g_main_context_ref_thread_default();
	hv_runner_set_event_func(runner, hvlv_domains_on_event, domains);
}

static void
hvlv_engine_call_done(GObject *source, GAsyncResult *result, gpointer data)
{
	(void)source;
	HvlvEngineCall *c = data;
	c->ok = hv_runner_finish(c->domains->runner, result, &c->error);
	hvlv_waiter_signal(&c->wait);
}

/* Runner thread: starts the operation. */
static gboolean
hvlv_engine_call_begin(gpointer data)
{
	HvlvEngineCall *c = data;
	HvRunner *r = c->domains->runner;
	switch (c->op) {
	case HVLV_ENGINE_START:
		hv_runner_start(r, c->def, c->flags, hvlv_engine_call_done, c);
		break;
	case HVLV_ENGINE_DESTROY:
		hv_runner_destroy(r, c->uuid, c->flags, hvlv_engine_call_done, c);
		break;
	case HVLV_ENGINE_SHUTDOWN:
		hv_runner_shutdown(r, c->uuid, hvlv_engine_call_done, c);
		break;
	case HVLV_ENGINE_REBOOT:
		hv_runner_reboot(r, c->uuid, c->flags, hvlv_engine_call_done, c);
		break;
	case HVLV_ENGINE_SUSPEND:
		hv_runner_suspend(r, c->uuid, hvlv_engine_call_done, c);
		break;
	case HVLV_ENGINE_RESUME:
		hv_runner_resume(r, c->uuid, hvlv_engine_call_done, c);
		break;
	case HVLV_ENGINE_SAVE:
		hv_runner_save(r, c->uuid, c->path, hvlv_engine_call_done, c);
		break;
	case HVLV_ENGINE_RESTORE:
		hv_runner_restore(r, c->def, c->path, c->offset, c->flags, hvlv_engine_call_done, c);
		break;
	}
	return G_SOURCE_REMOVE;
}

/* Hands C to the runner's context and waits for its outcome. */
static gboolean
hvlv_engine_call_run(HvlvEngineCall *c, GError **error)
{
	if (!c->domains->runner) {
		hvlv_set_error(error, HVLV_ERR_NO_SUPPORT, HVLV_FROM_DRIVER,
		               _("this function is not supported by the connection driver: %s"),
		               "no engine");
		return FALSE;
	}
	hvlv_waiter_init(&c->wait, c->domains->context);
	g_main_context_invoke(c->domains->context, hvlv_engine_call_begin, c);
	hvlv_waiter_wait(&c->wait);
	if (!c->ok)
		hvlv_propagate_libhv_error(error, c->error);
	return c->ok;
}

gboolean
hvlv_domains_engine_run(HvlvDomains *domains, HvlvEngineOp op, const char *uuid,
                        const HvDomain *def, guint flags, GError **error)
{
	HvlvEngineCall c = { .domains = domains, .op = op, .uuid = (char *)uuid,
	                     .def = (HvDomain *)def, .flags = flags };
	return hvlv_engine_call_run(&c, error);
}

gboolean
hvlv_domains_engine_save(HvlvDomains *domains, const char *uuid, const char *path, GError **error)
{
	HvlvEngineCall c = { .domains = domains, .op = HVLV_ENGINE_SAVE, .uuid = (char *)uuid,
	                     .path = path };
	return hvlv_engine_call_run(&c, error);
}

gboolean
hvlv_domains_engine_restore(HvlvDomains *domains, const HvDomain *def, const char *path,
                            goffset offset, guint flags, GError **error)
{
	HvlvEngineCall c = { .domains = domains, .op = HVLV_ENGINE_RESTORE, .def = (HvDomain *)def,
	                     .path = path, .offset = offset, .flags = flags };
	return hvlv_engine_call_run(&c, error);
}

/* A query run on the runner's context. */
typedef struct {
	HvlvWaiter wait;
	HvlvDomains *domains;
	const char *uuid;
	gboolean want_console;
	char *console;
	guint64 cpu_ns;
	GError *error;
	gboolean ok;
} HvlvEngineQuery;

static gboolean
hvlv_engine_query_run(gpointer data)
{
	HvlvEngineQuery *q = data;
	HvRunner *r = q->domains->runner;
	if (q->want_console)
		q->ok = (q->console = hv_runner_get_console_socket(r, q->uuid, &q->error)) != NULL;
	else
		q->ok = hv_runner_get_cpu_time(r, q->uuid, &q->cpu_ns, &q->error);
	hvlv_waiter_signal(&q->wait);
	return G_SOURCE_REMOVE;
}

static gboolean
hvlv_engine_query(HvlvEngineQuery *q, GError **error)
{
	if (!q->domains->runner) {
		hvlv_set_error(error, HVLV_ERR_OPERATION_INVALID, HVLV_FROM_DOMAIN,
		               _("domain is not running"));
		return FALSE;
	}
	hvlv_waiter_init(&q->wait, q->domains->context);
	g_main_context_invoke(q->domains->context, hvlv_engine_query_run, q);
	hvlv_waiter_wait(&q->wait);
	if (!q->ok)
		hvlv_propagate_libhv_error(error, q->error);
	return q->ok;
}

char *
hvlv_domains_engine_console(HvlvDomains *domains, const char *uuid, GError **error)
{
	HvlvEngineQuery q = { .domains = domains, .uuid = uuid, .want_console = TRUE };
	return hvlv_engine_query(&q, error) ? q.console : NULL;
}

guint64
hvlv_domains_engine_cpu_time(HvlvDomains *domains, const char *uuid)
{
	HvlvEngineQuery q = { .domains = domains, .uuid = uuid };
	g_autoptr(GError) error = NULL;
	return hvlv_engine_query(&q, &error) ? q.cpu_ns : 0;
}

/* The run states of the running guests, those with a recorded ID first,
 * so that the others get new IDs above every recorded one. */
static GPtrArray *
hvlv_domains_running_states(HvRunner *runner)
{
	g_autoptr(GPtrArray) uuids = hv_runner_list(runner);
	GPtrArray *states = g_ptr_array_new_with_free_func((GDestroyNotify)hv_run_state_free);
	for (int with_id = 1; with_id >= 0; with_id--)
		for (guint i = 0; i < uuids->len; i++) {
			g_autoptr(HvRunState) rs = hv_runner_get_run_state(runner, uuids->pdata[i], NULL);
			if (rs && rs->live && rs->domain_id.set == with_id)
				g_ptr_array_add(states, g_steal_pointer(&rs));
		}
	return states;
}

/* Runner thread, after hv_runner_reconnect(): every guest still running
 * is active in the registry again (a transient one is added back), with
 * the ID it had before. */
void
hvlv_domains_adopt_running(HvlvDomains *domains)
{
	g_autoptr(GPtrArray) states = hvlv_domains_running_states(domains->runner);
	for (guint i = 0; i < states->len; i++) {
		HvRunState *rs = states->pdata[i];
		const char *uuid = rs->uuid;
		guint8 bytes[16];
		if (!hvlv_uuid_parse(uuid, bytes))
			continue;
		int reason = 0;
		HvState state = hv_runner_get_state(domains->runner, uuid, &reason);
		g_autoptr(HvlvDomainObj) obj = hvlv_domains_lookup_by_uuid(domains, bytes, NULL);
		g_autoptr(GError) error = NULL;
		if (!obj)
			obj = hvlv_domains_add_transient(domains, hv_domain_copy(rs->live),
			                                 (HvlvDomainState)state, reason, &error);
		if (!obj) {
			g_warning("running domain %s: %s", uuid, error->message);
			continue;
		}
		if (rs->domain_id.set)
			hvlv__domains_take_id(domains, obj, (gint)rs->domain_id.value);
		hvlv_domains_set_state(domains, obj, (HvlvDomainState)state, reason,
		                       g_steal_pointer(&rs->live), -1, 0);
	}
}
