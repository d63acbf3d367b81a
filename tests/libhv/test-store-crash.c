/* Crash safety of the state store: a child process defines domains over
 * and over (large files, so a kill often lands inside a write) and is
 * killed with SIGKILL at a random moment; then the store is opened again.
 * Every time: no state file is half-written or unreadable, and every
 * definition the child saw complete is there, at that version or the one
 * after. HV_CRASH_ITERATIONS sets the number of kills (default 150). */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <hv/hv.h>

#define DOMAINS 6

static char *state_dir, *run_dir;

static HvDomain *
make_domain(int k, int gen)
{
	HvDomain *d = hv_domain_new();
	d->name = g_strdup_printf("crash%d", k);
	d->uuid = g_strdup_printf("00000000-0000-4000-8000-%012d", k);
	d->type = HV_DOMAIN_TYPE_HVM;
	d->description = g_strdup_printf("%d", gen);
	/* about 200 KiB, so that writing takes a while */
	d->metadata = g_strnfill(200 * 1024 + gen % 4096, 'a' + gen % 26);
	return d;
}

static int
generation(const HvDomain *d)
{
	return d && d->description ? atoi(d->description) : 0;
}

/* The child: defines the domains round-robin with rising generations and
 * reports each completed definition on FD as "K GEN\n". */
static G_GNUC_NORETURN void
writer(int fd)
{
	HvStore *store = hv_store_open(state_dir, run_dir, NULL);
	if (!store || !hv_store_load(store, NULL, NULL))
		_exit(2);
	int gen[DOMAINS];
	for (int k = 0; k < DOMAINS; k++) {
		g_autofree char *name = g_strdup_printf("crash%d", k);
		g_autoptr(HvDomain) old = hv_store_lookup_by_name(store, name, NULL);
		gen[k] = generation(old);
	}
	for (int round = 0;; round++) {
		int k = round % DOMAINS;
		g_autoptr(HvDomain) d = make_domain(k, ++gen[k]);
		g_autoptr(HvDomain) s = hv_store_define(store, d, NULL, NULL);
		if (!s)
			_exit(3);
		char line[32];
		int n = snprintf(line, sizeof(line), "%d %d\n", k, gen[k]);
		if (write(fd, line, n) != n)
			_exit(4);
	}
}

static guint
count_temporaries(void)
{
	g_autoptr(GDir) dir = g_dir_open(state_dir, 0, NULL);
	guint n = 0;
	const char *name;
	/* a writer killed before it opened the store made no directory yet */
	if (!dir)
		return 0;
	while ((name = g_dir_read_name(dir)) != NULL)
		n += name[0] == '.' && strstr(name, ".tmp-") != NULL;
	return n;
}

/* Reads the child's reports into ACKED (highest completed generation). */
static void
read_reports(int fd, int *acked)
{
	g_autoptr(GString) text = g_string_new(NULL);
	char buf[4096];
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		g_string_append_len(text, buf, n);
	g_auto(GStrv) lines = g_strsplit(text->str, "\n", -1);
	for (int i = 0; lines[i]; i++) {
		int k, gen;
		if (sscanf(lines[i], "%d %d", &k, &gen) == 2 && k >= 0 && k < DOMAINS && gen > acked[k])
			acked[k] = gen;
	}
}

/* One kill: run the writer, kill it after up to MAX_US, check the store. */
static guint
kill_and_check(int *acked, guint max_us)
{
	int pipefd[2];
	g_assert_cmpint(pipe(pipefd), ==, 0);
	pid_t child = fork();
	g_assert_cmpint(child, >=, 0);
	if (child == 0) {
		close(pipefd[0]);
		writer(pipefd[1]);
	}
	close(pipefd[1]);
	g_usleep(g_random_int_range(0, max_us));
	kill(child, SIGKILL);
	int status;
	g_assert_cmpint(waitpid(child, &status, 0), ==, child);
	g_assert_true(WIFSIGNALED(status) || WEXITSTATUS(status) == 0);
	read_reports(pipefd[0], acked);
	close(pipefd[0]);

	guint interrupted = count_temporaries();
	g_autoptr(GError) error = NULL;
	g_autoptr(HvStore) store = hv_store_open(state_dir, run_dir, &error);
	g_assert_no_error(error);
	g_autoptr(GPtrArray) problems = NULL;
	g_assert_true(hv_store_load(store, &problems, &error));
	for (guint i = 0; i < problems->len; i++)
		g_test_message("broken after a kill: %s", (char *)g_ptr_array_index(problems, i));
	g_assert_cmpuint(problems->len, ==, 0);
	for (int k = 0; k < DOMAINS; k++) {
		if (!acked[k])
			continue;
		g_autofree char *name = g_strdup_printf("crash%d", k);
		g_autoptr(HvDomain) d = hv_store_lookup_by_name(store, name, &error);
		g_assert_no_error(error);
		int gen = generation(d);
		if (gen != acked[k] && gen != acked[k] + 1)
			g_error("%s is at generation %d, but the writer completed %d", name, gen, acked[k]);
		acked[k] = gen;
		g_autoptr(HvDomain) expected = make_domain(k, gen);
		g_assert_cmpstr(d->metadata, ==, expected->metadata);
	}
	g_assert_cmpuint(count_temporaries(), ==, 0);
	return interrupted;
}

static void
test_sigkill_during_writes(void)
{
	const char *env = g_getenv("HV_CRASH_ITERATIONS");
	guint iterations = env ? (guint)atoi(env) : 150;
	int acked[DOMAINS] = { 0 };
	guint interrupted = 0;
	for (guint i = 0; i < iterations; i++)
		interrupted += kill_and_check(acked, i == 0 ? 200000 : 60000);
	int total = 0;
	for (int k = 0; k < DOMAINS; k++)
		total += acked[k];
	g_test_message("%u kills; %u landed inside a write (a temporary file was left); %d "
	               "definitions completed; every state file whole, no domain lost",
	               iterations, interrupted, total);
	g_assert_cmpint(total, >, 0);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_autofree char *dir = g_dir_make_tmp("hv-crash-XXXXXX", NULL);
	state_dir = g_build_filename(dir, "lib", NULL);
	run_dir = g_build_filename(dir, "run", NULL);
	g_test_add_func("/store/crash/sigkill-during-writes", test_sigkill_during_writes);
	int rc = g_test_run();
	g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
