/* hv config: check xl.cfg files and convert between xl.cfg and hv's JSON,
 * as Xen users check and convert configs with their toolstack. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include <hv/hv.h>

#include "cli/hv-cli.h"

typedef struct {
	const char *name;
	gboolean json_in; /* the input is hv's JSON (else xl.cfg) */
	int (*output)(const HvDomain *domain, HvXlcfgDialect dialect);
} HvConfigCommand;

static void
config_usage(FILE *out)
{
	fprintf(out, _("Usage: hv config check [--xen] FILE\n"
	               "       hv config to-json [--xen] FILE\n"
	               "       hv config to-cfg [--xen] FILE\n\n"
	               "check    reads the xl.cfg file FILE and reports what is wrong with it\n"
	               "         (nothing on stdout and exit status 0 when it is valid)\n"
	               "to-json  prints the xl.cfg file FILE as hv's JSON domain config\n"
	               "to-cfg   prints the JSON domain config FILE as an xl.cfg file\n\n"
	               "FILE may be - for standard input. Warnings and errors go to standard\n"
	               "error. --xen reads and writes only what Xen's xl accepts, without hv's\n"
	               "own settings.\n"));
}

static int
output_none(const HvDomain *domain, HvXlcfgDialect dialect)
{
	(void)domain;
	(void)dialect;
	return 0;
}

static int
output_json(const HvDomain *domain, HvXlcfgDialect dialect)
{
	(void)dialect;
	g_autofree char *json = hv_domain_to_json(domain);
	fputs(json, stdout);
	return 0;
}

static int
output_cfg(const HvDomain *domain, HvXlcfgDialect dialect)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *cfg = hv_xlcfg_format(domain, dialect, &error);
	if (!cfg) {
		fprintf(stderr, "hv: %s\n", error->message);
		return 1;
	}
	fputs(cfg, stdout);
	return 0;
}

static const HvConfigCommand config_commands[] = {
	{ "check", FALSE, output_none },
	{ "to-json", FALSE, output_json },
	{ "to-cfg", TRUE, output_cfg },
};

static char *
read_input(const char *path, gsize *len_r, GError **error)
{
	char *data = NULL;
	if (strcmp(path, "-") != 0)
		return g_file_get_contents(path, &data, len_r, error) ? data : NULL;
	GString *in = g_string_new(NULL);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		g_string_append_len(in, buf, n);
	*len_r = in->len;
	return g_string_free(in, FALSE);
}

static HvDomain *
read_domain(const HvConfigCommand *cmd, const char *path, HvXlcfgDialect dialect, GError **error)
{
	gsize len = 0;
	g_autofree char *data = read_input(path, &len, error);
	const char *source = strcmp(path, "-") == 0 ? _("<stdin>") : path;
	if (!data)
		return NULL;
	if (cmd->json_in)
		return hv_domain_from_json(data, len, source, error);
	g_autoptr(GPtrArray) warnings = NULL;
	HvDomain *domain = hv_xlcfg_parse(data, len, source, dialect, &warnings, error);
	for (guint i = 0; warnings && i < warnings->len; i++)
		fprintf(stderr, _("hv: warning: %s\n"), (char *)g_ptr_array_index(warnings, i));
	return domain;
}

int
hv_cli_config(int argc, char **argv)
{
	const HvConfigCommand *cmd = NULL;
	HvXlcfgDialect dialect = HV_XLCFG_HV;
	const char *path = NULL;
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		config_usage(stdout);
		return 0;
	}
	for (gsize i = 0; argc >= 2 && i < G_N_ELEMENTS(config_commands); i++) {
		if (strcmp(argv[1], config_commands[i].name) == 0)
			cmd = &config_commands[i];
	}
	for (int i = 2; cmd && i < argc; i++) {
		if (strcmp(argv[i], "--xen") == 0)
			dialect = HV_XLCFG_XEN;
		else if (!path && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0))
			path = argv[i];
		else
			cmd = NULL;
	}
	if (!cmd || !path) {
		config_usage(stderr);
		return 2;
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(HvDomain) domain = read_domain(cmd, path, dialect, &error);
	if (!domain) {
		fprintf(stderr, "hv: %s\n", error->message);
		return 1;
	}
	return cmd->output(domain, dialect);
}
