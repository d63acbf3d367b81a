/* vmm-qmp-session: the QMP protocol of one client: greeting, negotiation,
 * command dispatch and error replies, worded as QEMU words them. */
#include "config.h"

#include "vmm-qmp-priv.h"

#include <string.h>

#define VMM_QMP_MAX_INPUT (1024 * 1024) /* one command; QEMU's limit is similar */

G_DEFINE_QUARK(vmm-qmp-error-quark, vmm_qmp_error)

void
vmm_qmp_session_send(VmmQmpSession *s, json_object *obj)
{
	g_string_append(s->out, json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN));
	g_string_append(s->out, "\r\n");
	json_object_put(obj);
}

void
vmm_qmp_session_start(VmmQmpSession *s, VmmQmpServer *server, int fd)
{
	s->server = server;
	s->tok = json_tokener_new();
	s->out = g_string_new(NULL);
	s->fd = fd;
	json_object *qmp = json_object_new_object();
	json_object_object_add(qmp, "version", json_object_get(server->version));
	json_object_object_add(qmp, "capabilities", json_object_new_array());
	json_object *greeting = json_object_new_object();
	json_object_object_add(greeting, "QMP", qmp);
	vmm_qmp_session_send(s, greeting);
}

void
vmm_qmp_session_clear(VmmQmpSession *s)
{
	if (s->tok)
		json_tokener_free(s->tok);
	if (s->out)
		g_string_free(s->out, TRUE);
}

static void
vmm_qmp_reply_error(VmmQmpSession *s, json_object *id, VmmQmpErrorCode code, const char *desc)
{
	json_object *err = json_object_new_object();
	json_object_object_add(err, "class", json_object_new_string(
		code == VMM_QMP_ERROR_COMMAND_NOT_FOUND ? "CommandNotFound" : "GenericError"));
	json_object_object_add(err, "desc", json_object_new_string(desc));
	json_object *reply = json_object_new_object();
	json_object_object_add(reply, "error", err);
	if (id)
		json_object_object_add(reply, "id", json_object_get(id));
	vmm_qmp_session_send(s, reply);
}

static void
vmm_qmp_reply(VmmQmpSession *s, json_object *id, json_object *ret)
{
	json_object *reply = json_object_new_object();
	json_object_object_add(reply, "return", ret);
	if (id)
		json_object_object_add(reply, "id", json_object_get(id));
	vmm_qmp_session_send(s, reply);
}

/* The checks QEMU makes on a request object; the error text, or NULL. */
static char *
vmm_qmp_check_request(json_object *req, const char **name_r, json_object **args_r)
{
	if (!json_object_is_type(req, json_type_object))
		return g_strdup("QMP input must be a JSON object");
	json_object_object_foreach(req, key, val) {
		(void)val;
		if (strcmp(key, "execute") && strcmp(key, "arguments") && strcmp(key, "id"))
			return g_strdup_printf("QMP input member '%s' is unexpected", key);
	}
	json_object *exec, *args = NULL;
	if (!json_object_object_get_ex(req, "execute", &exec))
		return g_strdup("QMP input lacks member 'execute'");
	if (!json_object_is_type(exec, json_type_string))
		return g_strdup("QMP input member 'execute' must be a string");
	if (json_object_object_get_ex(req, "arguments", &args) &&
	    !json_object_is_type(args, json_type_object))
		return g_strdup("QMP input member 'arguments' must be an object");
	*name_r = json_object_get_string(exec);
	*args_r = args;
	return NULL;
}

/* The first argument name, for "Parameter '...' is unexpected". */
static const char *
vmm_qmp_first_key(json_object *args)
{
	json_object_object_foreach(args, key, val) {
		(void)val;
		return key;
	}
	return NULL;
}

static void
vmm_qmp_capabilities(VmmQmpSession *s, json_object *id, json_object *args)
{
	json_object *enable = NULL;
	if (s->negotiated) {
		vmm_qmp_reply_error(s, id, VMM_QMP_ERROR_COMMAND_NOT_FOUND,
		                    "Capabilities negotiation is already complete, command ignored");
		return;
	}
	json_object_object_foreach(args, key, val) {
		if (strcmp(key, "enable") != 0 || !json_object_is_type(val, json_type_array)) {
			g_autofree char *m = strcmp(key, "enable")
				? g_strdup_printf("Parameter '%s' is unexpected", key)
				: g_strdup("Invalid parameter type for 'enable', expected: array");
			vmm_qmp_reply_error(s, id, VMM_QMP_ERROR_GENERIC, m);
			return;
		}
		enable = val;
	}
	if (enable && json_object_array_length(enable) > 0) {
		g_autofree char *m = g_strdup_printf("Capability '%s' not available",
		                                     json_object_get_string(json_object_array_get_idx(enable, 0)));
		vmm_qmp_reply_error(s, id, VMM_QMP_ERROR_GENERIC, m);
		return;
	}
	s->negotiated = TRUE;
	vmm_qmp_reply(s, id, json_object_new_object());
}

static const VmmQmpCommand *
vmm_qmp_lookup(VmmQmpServer *server, const char *name)
{
	for (guint i = 0; i < server->n_commands; i++) {
		if (strcmp(server->commands[i].name, name) == 0)
			return &server->commands[i];
	}
	return NULL;
}

static void
vmm_qmp_run(VmmQmpSession *s, json_object *id, const VmmQmpCommand *cmd, json_object *args)
{
	const char *extra = cmd->takes_arguments ? NULL : vmm_qmp_first_key(args);
	if (extra) {
		g_autofree char *m = g_strdup_printf("Parameter '%s' is unexpected", extra);
		vmm_qmp_reply_error(s, id, VMM_QMP_ERROR_GENERIC, m);
		return;
	}
	g_autoptr(GError) error = NULL;
	json_object *ret = cmd->handler(s->server->opaque, args, &error);
	if (!ret) {
		VmmQmpErrorCode code = error && error->domain == VMM_QMP_ERROR ? error->code
		                                                                : VMM_QMP_ERROR_GENERIC;
		vmm_qmp_reply_error(s, id, code, error ? error->message : "failed");
		return;
	}
	vmm_qmp_reply(s, id, ret);
}

static void
vmm_qmp_dispatch(VmmQmpSession *s, json_object *req)
{
	const char *name = NULL;
	json_object *args = NULL, *id = NULL;
	if (json_object_is_type(req, json_type_object))
		json_object_object_get_ex(req, "id", &id);
	g_autofree char *bad = vmm_qmp_check_request(req, &name, &args);
	if (bad) {
		vmm_qmp_reply_error(s, id, VMM_QMP_ERROR_GENERIC, bad);
		return;
	}
	g_autoptr(json_object) empty = json_object_new_object();
	args = args ? args : empty;
	if (strcmp(name, "qmp_capabilities") == 0) {
		vmm_qmp_capabilities(s, id, args);
		return;
	}
	if (!s->negotiated) {
		vmm_qmp_reply_error(s, id, VMM_QMP_ERROR_COMMAND_NOT_FOUND,
		                    "Expecting capabilities negotiation with 'qmp_capabilities'");
		return;
	}
	const VmmQmpCommand *cmd = vmm_qmp_lookup(s->server, name);
	if (!cmd) {
		g_autofree char *m = g_strdup_printf("The command %s has not been found", name);
		vmm_qmp_reply_error(s, id, VMM_QMP_ERROR_COMMAND_NOT_FOUND, m);
		return;
	}
	vmm_qmp_run(s, id, cmd, args);
}

static void
vmm_qmp_parse_error(VmmQmpSession *s, const char *what)
{
	g_autofree char *m = g_strdup_printf("JSON parse error, %s", what);
	vmm_qmp_reply_error(s, NULL, VMM_QMP_ERROR_GENERIC, m);
	json_tokener_reset(s->tok);
	s->pending = 0;
}

void
vmm_qmp_session_input(VmmQmpSession *s, const char *data, gsize len)
{
	while (len > 0) {
		int chunk = (int)MIN(len, (gsize)G_MAXINT);
		json_object *obj = json_tokener_parse_ex(s->tok, data, chunk);
		enum json_tokener_error jerr = json_tokener_get_error(s->tok);
		if (jerr == json_tokener_continue) {
			s->pending += (gsize)chunk;
			if (s->pending > VMM_QMP_MAX_INPUT)
				vmm_qmp_parse_error(s, "input too long");
			break;
		}
		if (jerr != json_tokener_success) {
			vmm_qmp_parse_error(s, json_tokener_error_desc(jerr));
			break; /* drop the rest of this chunk: we lost the framing */
		}
		gsize used = MAX(json_tokener_get_parse_end(s->tok), (gsize)1);
		json_tokener_reset(s->tok);
		s->pending = 0;
		data += used;
		len -= used;
		vmm_qmp_dispatch(s, obj);
		json_object_put(obj);
	}
	vmm_qmp_session_kick(s);
}

VmmQmpSession *
vmm_qmp_session_new(VmmQmpServer *server)
{
	VmmQmpSession *s = g_new0(VmmQmpSession, 1);
	vmm_qmp_session_start(s, server, -1);
	g_ptr_array_add(server->sessions, s); /* it gets events too */
	return s;
}

char *
vmm_qmp_session_take_output(VmmQmpSession *s)
{
	char *out = g_strdup(s->out->str);
	g_string_truncate(s->out, 0);
	return out;
}

void
vmm_qmp_session_free(VmmQmpSession *s)
{
	if (!s)
		return;
	g_ptr_array_remove(s->server->sessions, s);
	vmm_qmp_session_clear(s);
	g_free(s);
}
