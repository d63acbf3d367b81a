/* hv: the xl-like command line tool of the hv toolstack.
 * Subcommands live in a table; each one is a function taking its own argv. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "cli/hv-cli.h"

typedef struct {
	const char *name;
	const char *usage;
	const char *summary; /* N_() marked, translated when printed */
	int (*run)(int argc, char **argv);
} HvCliCommand;

static int hv_cli_help(int argc, char **argv);
static int hv_cli_version(int argc, char **argv);

static const HvCliCommand hv_cli_commands[] = {
	{ "help", "", N_("Show this help"), hv_cli_help },
	{ "config", "check|to-json|to-cfg [--xen] FILE",
	  N_("Check an xl.cfg file, or convert it to JSON or back (see 'hv config --help')"),
	  hv_cli_config },
	{ "version", "", N_("Show the version of hv"), hv_cli_version },
};

static void
hv_cli_usage(FILE *out)
{
	fprintf(out, _("Usage: hv COMMAND [ARGS...]\n\n"));
	fprintf(out, _("Commands:\n"));
	for (gsize i = 0; i < G_N_ELEMENTS(hv_cli_commands); i++) {
		g_autofree char *left = g_strdup_printf("%s %s", hv_cli_commands[i].name,
		                                        hv_cli_commands[i].usage);
		if (strlen(left) > 28)
			fprintf(out, "  %s\n  %-28s %s\n", left, "", _(hv_cli_commands[i].summary));
		else
			fprintf(out, "  %-28s %s\n", left, _(hv_cli_commands[i].summary));
	}
	fprintf(out, _("\nOptions:\n  -h, --help     Show this help\n  -V, --version  Show the version of hv\n"));
}

static int
hv_cli_help(G_GNUC_UNUSED int argc, G_GNUC_UNUSED char **argv)
{
	hv_cli_usage(stdout);
	return 0;
}

static int
hv_cli_version(G_GNUC_UNUSED int argc, G_GNUC_UNUSED char **argv)
{
	printf("hv %s\n", PACKAGE_VERSION);
	return 0;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");

	if (argc < 2) {
		hv_cli_usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)
		cmd = "help";
	else if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0)
		cmd = "version";

	for (gsize i = 0; i < G_N_ELEMENTS(hv_cli_commands); i++) {
		if (strcmp(cmd, hv_cli_commands[i].name) == 0)
			return hv_cli_commands[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, _("hv: unknown command '%s'; see 'hv --help'\n"), cmd);
	return 2;
}
