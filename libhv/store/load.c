/* Reading a directory of JSON files, keeping unreadable ones aside. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "store/store-internal.h"

char *
hv__quarantine(const char *path, const char *why)
{
	g_autofree char *target = g_strconcat(path, ".broken", NULL);
	for (int n = 1; g_file_test(target, G_FILE_TEST_EXISTS) && n < 1000; n++) {
		g_free(target);
		target = g_strdup_printf("%s.broken.%d", path, n);
	}
	if (rename(path, target) != 0)
		return g_strdup_printf(_("%s (it could not be moved aside: %s)"), why, g_strerror(errno));
	return g_strdup_printf(_("%s; the file is kept as %s"), why, target);
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the files of DIR to read, sorted; leftovers of interrupted
 * writes are removed on the way (the rename never happened, so the real
 * file is whole). */
static GPtrArray *
list_json(const char *dir, GError **error)
{
	GError *local = NULL;
	g_autoptr(GDir) d = g_dir_open(dir, 0, &local);
	if (!d) {
		errno = local->code == G_FILE_ERROR_NOENT ? ENOENT : EACCES;
		g_error_free(local);
		hv__io_error(error, _("read the directory"), dir);
		return NULL;
	}
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while ((name = g_dir_read_name(d)) != NULL) {
		if (name[0] == '.' && strstr(name, HV__TMP_SUFFIX)) {
			g_autofree char *tmp = g_build_filename(dir, name, NULL);
			g_unlink(tmp);
		} else if (name[0] != '.' && g_str_has_suffix(name, ".json")) {
			g_ptr_array_add(names, g_strdup(name));
		}
	}
	g_ptr_array_sort(names, compare_names);
	return names;
}

gboolean
hv__load_dir(const char *dir, HvLoadFunc load, gpointer user_data, GPtrArray *problems,
             GError **error)
{
	g_autoptr(GPtrArray) names = list_json(dir, error);
	if (!names)
		return FALSE;
	for (guint i = 0; i < names->len; i++) {
		g_autofree char *path = g_build_filename(dir, g_ptr_array_index(names, i), NULL);
		g_autofree char *data = NULL;
		gsize len = 0;
		g_autoptr(GError) local = NULL;
		if (g_file_get_contents(path, &data, &len, &local) &&
		    load(path, data, len, user_data, &local))
			continue;
		g_ptr_array_add(problems, hv__quarantine(path, local->message));
	}
	return TRUE;
}
