/* Replay driver for fuzz targets in normal (non-fuzzing) builds: feeds every
 * file of the target's seed corpus, or the files and directories given on
 * the command line, to LLVMFuzzerTestOneInput once, and reports in TAP.
 * Seeds of binary formats are kept in git as text: a file ending in ".hex"
 * holds hex byte pairs, whitespace and "#" comments (fuzz-run.sh decodes
 * them the same way for libFuzzer). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decodes a ".hex" seed in place; FALSE if it holds anything but hex pairs,
 * whitespace and comments. */
static gboolean
decode_hex(char *text, gsize *len)
{
	gsize out = 0;
	int high = -1;
	for (gsize i = 0; i < *len; i++) {
		if (text[i] == '#') {
			while (i < *len && text[i] != '\n')
				i++;
			continue;
		}
		if (g_ascii_isspace(text[i]))
			continue;
		int digit = g_ascii_xdigit_value(text[i]);
		if (digit < 0)
			return FALSE;
		if (high < 0) {
			high = digit;
		} else {
			text[out++] = (char)(high << 4 | digit);
			high = -1;
		}
	}
	*len = out;
	return high < 0;
}

static int
replay_file(const char *path)
{
	g_autofree char *data = NULL;
	gsize len = 0;
	g_autoptr(GError) error = NULL;
	if (!g_file_get_contents(path, &data, &len, &error)) {
		fprintf(stderr, "# %s\n", error->message);
		return -1;
	}
	if (g_str_has_suffix(path, ".hex") && !decode_hex(data, &len)) {
		fprintf(stderr, "# %s: not a hex seed\n", path);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	return 1;
}

static int
replay_path(const char *path)
{
	if (!g_file_test(path, G_FILE_TEST_IS_DIR))
		return replay_file(path);
	g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
	if (!dir)
		return -1;
	int count = 0;
	const char *name;
	while ((name = g_dir_read_name(dir)) != NULL) {
		g_autofree char *child = g_build_filename(path, name, NULL);
		int n = replay_path(child);
		if (n < 0)
			return -1;
		count += n;
	}
	return count;
}

int
main(int argc, char **argv)
{
	g_autofree char *name = g_path_get_basename(argv[0]);
	g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--tap") != 0)
			g_ptr_array_add(paths, g_strdup(argv[i]));
	}
	if (paths->len == 0) {
		const char *top = g_getenv("HV_TOP_SRCDIR");
		g_ptr_array_add(paths, g_build_filename(top ? top : ".", "tests", "fuzz", "corpus",
		                                        name, NULL));
	}

	printf("1..1\n");
	int total = 0;
	for (guint i = 0; i < paths->len; i++) {
		int n = replay_path(g_ptr_array_index(paths, i));
		if (n < 0) {
			printf("not ok 1 - %s: cannot read %s\n", name,
			       (char *)g_ptr_array_index(paths, i));
			return 1;
		}
		total += n;
	}
	if (total == 0) {
		printf("not ok 1 - %s: the seed corpus is empty\n", name);
		return 1;
	}
	printf("ok 1 - %s: replayed %d inputs without a crash\n", name, total);
	return 0;
}
