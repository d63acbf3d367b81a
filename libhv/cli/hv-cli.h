/* The hv command line tool: one function per command (hv-main.c holds the
 * table that names them). */
#pragma once

/* hv config check|to-json|to-cfg [--xen] FILE */
int hv_cli_config(int argc, char **argv);
