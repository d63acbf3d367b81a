/* hvlv-caps-probe: what the host and its QEMU offer, probed once. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include <hv/engine.h>

#include "hvlv-caps.h"
#include "hvlv-error.h"
#include "hvlv-host.h"

gboolean
hvlv_caps_kvm_usable(void)
{
	const char *forced = g_getenv("HV_KVM");
	if (forced && *forced)
		return strcmp(forced, "yes") == 0 || strcmp(forced, "1") == 0;
	/* the runner's own test (a software KVM such as kvm_pvm does not count),
	 * and hvd must be allowed to open the device */
	return access("/dev/kvm", R_OK | W_OK) == 0 && hv_host_kvm_usable(NULL);
}

gint
hvlv_caps_pvh_max_vcpus(void)
{
	gint max = hvlv_host_max_vcpus("kvm", NULL);
	return max > 0 ? max : 288;
}

const char *
hvlv_caps_vmm_path(void)
{
	static char *path;
	const char *vmm = g_getenv("HV_VMM");
	if (vmm && *vmm)
		return vmm;
	if (g_once_init_enter(&path))
		g_once_init_leave(&path, g_build_filename(HV_LIBEXEC_DIR, "hv-vmm", NULL));
	return path;
}

static void
hvlv_machine_free(gpointer p)
{
	HvlvMachine *m = p;
	g_free(m->name);
	g_free(m->canonical);
	g_free(m);
}

/* One line of `-machine help`: "NAME  DESCRIPTION [(alias of X)] [(default)]". */
static HvlvMachine *
hvlv_caps_parse_machine_line(const char *line)
{
	g_auto(GStrv) words = g_strsplit_set(line, " \t", 2);
	if (!words[0] || !*words[0] || !words[1] || strcmp(words[0], "none") == 0)
		return NULL;
	HvlvMachine *m = g_new0(HvlvMachine, 1);
	m->name = g_strdup(words[0]);
	m->max_cpus = strstr(m->name, "q35") ? 288 : g_str_has_prefix(m->name, "microvm") ? 288 : 255;
	const char *alias = strstr(words[1], "(alias of ");
	if (alias) {
		alias += strlen("(alias of ");
		m->canonical = g_strndup(alias, strcspn(alias, ")"));
	}
	m->is_default = strstr(words[1], "(default)") != NULL;
	return m;
}

GPtrArray *
hvlv_caps_parse_machines(const char *help)
{
	GPtrArray *list = g_ptr_array_new_with_free_func(hvlv_machine_free);
	g_auto(GStrv) lines = g_strsplit(help, "\n", -1);
	HvlvMachine *q35 = NULL;
	for (guint i = 0; lines[i]; i++) {
		if (g_str_has_prefix(lines[i], "Supported machines"))
			continue;
		HvlvMachine *m = hvlv_caps_parse_machine_line(lines[i]);
		if (m && strcmp(m->name, "q35") == 0)
			q35 = m;
		if (m && m->is_default)
			g_ptr_array_insert(list, 0, m);
		else if (m)
			g_ptr_array_add(list, m);
	}
	/* hv's hvm guests are q35 machines: that is hv's default, listed first
	 * because clients (virt-install) take the first machine as the default */
	guint at;
	if (q35 && g_ptr_array_find(list, q35, &at)) {
		for (guint i = 0; i < list->len; i++)
			((HvlvMachine *)list->pdata[i])->is_default = FALSE;
		q35->is_default = TRUE;
		g_ptr_array_steal_index(list, at);
		g_ptr_array_insert(list, 0, q35);
	}
	return list;
}

const GPtrArray *
hvlv_caps_machines(const char *qemu, GError **error)
{
	static GMutex lock;
	static GPtrArray *machines;
	static char *machines_of;
	g_mutex_lock(&lock);
	if (machines && g_strcmp0(machines_of, qemu) != 0) {
		g_clear_pointer(&machines, g_ptr_array_unref);
		g_clear_pointer(&machines_of, g_free);
	}
	if (!machines) {
		g_autofree char *out = NULL;
		int status = 0;
		const char *argv[] = { qemu, "-machine", "help", NULL };
		g_autoptr(GError) local = NULL;
		if (g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
		                 NULL, &status, &local) &&
		    g_spawn_check_wait_status(status, &local)) {
			machines = hvlv_caps_parse_machines(out);
			machines_of = g_strdup(qemu);
		} else
			hvlv_set_error(error, HVLV_ERR_INTERNAL_ERROR, HVLV_FROM_DRIVER,
			               _("cannot ask %s for its machine types: %s"), argv[0],
			               local->message);
	}
	g_mutex_unlock(&lock);
	return machines;
}
