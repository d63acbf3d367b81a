/* Benchmark (not a test): reads and writes 10,000 domain configs and prints
 * the time per config for each step: xl.cfg -> model, model -> JSON,
 * JSON -> model (what hvd does for each state file at start), model ->
 * xl.cfg. The configs are libhv's golden xl.cfg files, used in turn.
 * usage: bench-xlcfg [COUNT] [DIR] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hv/hv.h>

typedef struct {
	const char *name;
	double seconds;
} Step;

static GPtrArray *
load_inputs(const char *dir)
{
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
	if (!d)
		g_error("cannot read %s", dir);
	GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while ((name = g_dir_read_name(d)) != NULL) {
		if (!g_str_has_suffix(name, ".cfg") || g_str_has_suffix(name, ".out.cfg") ||
		    g_str_has_suffix(name, ".xen.cfg"))
			continue;
		g_autofree char *path = g_build_filename(dir, name, NULL);
		char *text = NULL;
		g_file_get_contents(path, &text, NULL, NULL);
		g_ptr_array_add(texts, text);
	}
	return texts;
}

int
main(int argc, char **argv)
{
	guint count = argc > 1 ? (guint)atoi(argv[1]) : 10000;
	const char *top = g_getenv("HV_TOP_SRCDIR");
	g_autofree char *dir = argc > 2 ? g_strdup(argv[2])
	                                : g_build_filename(top ? top : "..", "tests/libhv/xlcfgdata", NULL);
	g_autoptr(GPtrArray) inputs = load_inputs(dir);
	Step steps[] = { { "xl.cfg -> model", 0 }, { "model -> JSON", 0 }, { "JSON -> model", 0 },
		         { "model -> xl.cfg", 0 } };
	gsize bytes = 0;
	for (guint i = 0; i < count; i++) {
		const char *text = g_ptr_array_index(inputs, i % inputs->len);
		gint64 t0 = g_get_monotonic_time();
		g_autoptr(HvDomain) d = hv_xlcfg_parse(text, -1, "bench.cfg", HV_XLCFG_HV, NULL, NULL);
		gint64 t1 = g_get_monotonic_time();
		g_autofree char *json = hv_domain_to_json(d);
		gint64 t2 = g_get_monotonic_time();
		g_autoptr(HvDomain) back = hv_domain_from_json(json, -1, "bench.json", NULL);
		gint64 t3 = g_get_monotonic_time();
		g_autofree char *cfg = hv_xlcfg_format(back, HV_XLCFG_HV, NULL);
		gint64 t4 = g_get_monotonic_time();
		if (!d || !back || !cfg)
			g_error("config %u failed", i % inputs->len);
		steps[0].seconds += (t1 - t0) / 1e6;
		steps[1].seconds += (t2 - t1) / 1e6;
		steps[2].seconds += (t3 - t2) / 1e6;
		steps[3].seconds += (t4 - t3) / 1e6;
		bytes += strlen(text);
	}
	double total = 0;
	printf("libhv: %u configs (%u distinct golden xl.cfg files, %.0f bytes each on average)\n",
	       count, inputs->len, (double)bytes / count);
	for (gsize i = 0; i < G_N_ELEMENTS(steps); i++) {
		printf("  %-18s %8.1f us per config\n", steps[i].name, steps[i].seconds * 1e6 / count);
		total += steps[i].seconds;
	}
	printf("  %-18s %8.1f us per config (%.2f s for all)\n", "all four", total * 1e6 / count, total);
	return 0;
}
