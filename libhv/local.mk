# libhv/: the domain-config library and the hv command line tool.
#
# libhv-internal.la holds all of libhv and is what the tests and fuzz
# targets link (they reach the hv__ internals); libhv.la is the installed
# shared library made of it, exporting only the public hv_ API.

LIBHV_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/libhv/include -I$(top_srcdir)/libhv
LIBHV_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(GIO_CFLAGS) $(JSONC_CFLAGS)
LIBHV_DEPS = $(GLIB_LIBS) $(GIO_LIBS) $(JSONC_LIBS) $(LTLIBINTL)

hvincludedir = $(includedir)/hv
hvinclude_HEADERS = \
	libhv/include/hv/hv.h \
	libhv/include/hv/error.h \
	libhv/include/hv/types.h \
	libhv/include/hv/model.h \
	libhv/include/hv/json.h \
	libhv/include/hv/xlcfg.h \
	libhv/include/hv/store.h \
	libhv/include/hv/engine.h

noinst_LTLIBRARIES += libhv/libhv-internal.la
libhv_libhv_internal_la_SOURCES = \
	libhv/model/desc.h \
	libhv/model/desc-domain.c \
	libhv/model/desc-devices.c \
	libhv/model/address.c \
	libhv/model/enums.c \
	libhv/model/ops.c \
	libhv/model/types.c \
	libhv/model/error.c \
	libhv/model/formats.c \
	libhv/model/formats.h \
	libhv/model/check.c \
	libhv/model/check.h \
	libhv/model/names.c \
	libhv/model/names.h \
	libhv/model/validate.c \
	libhv/model/defaults.c \
	libhv/json/json-internal.h \
	libhv/json/json-write.c \
	libhv/json/json-read.c \
	libhv/json/documents.c \
	libhv/xlcfg/cfg.h \
	libhv/xlcfg/cfg.c \
	libhv/xlcfg/lexer.h \
	libhv/xlcfg/lexer.c \
	libhv/xlcfg/parser.c \
	libhv/xlcfg/map.h \
	libhv/xlcfg/map-core.c \
	libhv/xlcfg/map-simple.c \
	libhv/xlcfg/spec.h \
	libhv/xlcfg/spec.c \
	libhv/xlcfg/spec-write.c \
	libhv/xlcfg/devices.h \
	libhv/xlcfg/keys.h \
	libhv/xlcfg/keys.c \
	libhv/xlcfg/chardev.h \
	libhv/xlcfg/map-chardev.c \
	libhv/xlcfg/map-serial.c \
	libhv/xlcfg/map-disk.c \
	libhv/xlcfg/map-net.c \
	libhv/xlcfg/map-pci.c \
	libhv/xlcfg/map-specs.c \
	libhv/xlcfg/map-identity.c \
	libhv/xlcfg/map-cpu.c \
	libhv/xlcfg/map-boot.c \
	libhv/xlcfg/map-platform.c \
	libhv/xlcfg/map-display.c \
	libhv/xlcfg/map-usb.c \
	libhv/xlcfg/xlcheck.h \
	libhv/xlcfg/xlcfg.c \
	libhv/store/store-internal.h \
	libhv/store/atomic.c \
	libhv/store/lock.c \
	libhv/store/load.c \
	libhv/store/store.c \
	libhv/store/runstate.c \
	libhv/engine/engine-internal.h \
	libhv/engine/qmp.h \
	libhv/engine/qmp.c \
	libhv/engine/argv-qemu.c \
	libhv/engine/argv-devices.c \
	libhv/engine/argv-address.c \
	libhv/engine/argv-vmm.c \
	libhv/engine/process.c \
	libhv/engine/runner.c \
	libhv/engine/lifecycle.c \
	libhv/engine/start.c \
	libhv/engine/events.c \
	libhv/engine/ops.c \
	libhv/engine/reconnect.c
libhv_libhv_internal_la_CPPFLAGS = $(LIBHV_CPPFLAGS)
libhv_libhv_internal_la_CFLAGS = $(LIBHV_CFLAGS)
libhv_libhv_internal_la_LIBADD = $(LIBHV_DEPS)

lib_LTLIBRARIES += libhv/libhv.la
libhv_libhv_la_SOURCES =
nodist_EXTRA_libhv_libhv_la_SOURCES = libhv/dummy.c
libhv_libhv_la_LIBADD = libhv/libhv-internal.la $(LIBHV_DEPS)
libhv_libhv_la_LDFLAGS = -version-info 0:0:0 -export-symbols-regex '^hv_[^_]'

pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = libhv/libhv.pc
DISTCLEANFILES += libhv/libhv.pc

bin_PROGRAMS += hv
hv_SOURCES = libhv/cli/hv-main.c libhv/cli/hv-cli.h libhv/cli/hv-config.c
hv_CPPFLAGS = $(LIBHV_CPPFLAGS)
hv_CFLAGS = $(LIBHV_CFLAGS)
hv_LDADD = libhv/libhv.la $(GLIB_LIBS) $(LTLIBINTL)
EXTRA_DIST += libhv/README.md libhv/libhv.pc.in

# Tests (tests/libhv/): they link libhv-internal.la to reach hv__ internals.
check_LTLIBRARIES += tests/libhv/libhvt-libhv.la
tests_libhv_libhvt_libhv_la_SOURCES = tests/libhv/hvt-fill.c tests/libhv/hvt-fill.h
tests_libhv_libhvt_libhv_la_CPPFLAGS = $(LIBHV_CPPFLAGS) -I$(top_srcdir)/tests/libhv
tests_libhv_libhvt_libhv_la_CFLAGS = $(LIBHV_CFLAGS)
LIBHV_TEST_CPPFLAGS = $(LIBHV_CPPFLAGS) -I$(top_srcdir)/tests/libhv
LIBHV_TEST_LIBS = tests/libhv/libhvt-libhv.la libhv/libhv-internal.la $(LIBHV_DEPS)

check_PROGRAMS += tests/libhv/test-model
tests_libhv_test_model_SOURCES = tests/libhv/test-model.c
tests_libhv_test_model_CPPFLAGS = $(LIBHV_TEST_CPPFLAGS)
tests_libhv_test_model_CFLAGS = $(LIBHV_CFLAGS)
tests_libhv_test_model_LDADD = $(LIBHV_TEST_LIBS)
TESTS += tests/libhv/test-model

check_PROGRAMS += tests/libhv/test-xlcfg-roundtrip
tests_libhv_test_xlcfg_roundtrip_SOURCES = tests/libhv/test-xlcfg-roundtrip.c
tests_libhv_test_xlcfg_roundtrip_CPPFLAGS = $(LIBHV_TEST_CPPFLAGS)
tests_libhv_test_xlcfg_roundtrip_CFLAGS = $(LIBHV_CFLAGS)
tests_libhv_test_xlcfg_roundtrip_LDADD = $(LIBHV_TEST_LIBS)
TESTS += tests/libhv/test-xlcfg-roundtrip

check_PROGRAMS += tests/libhv/test-xlcfg-golden
tests_libhv_test_xlcfg_golden_SOURCES = tests/libhv/test-xlcfg-golden.c
tests_libhv_test_xlcfg_golden_CPPFLAGS = $(LIBHV_TEST_CPPFLAGS)
tests_libhv_test_xlcfg_golden_CFLAGS = $(LIBHV_CFLAGS)
tests_libhv_test_xlcfg_golden_LDADD = $(LIBHV_TEST_LIBS)
TESTS += tests/libhv/test-xlcfg-golden
EXTRA_DIST += tests/libhv/xlcfgdata tests/libhv/xlcfgdata-invalid

check_PROGRAMS += tests/libhv/hvt-json-samples
tests_libhv_hvt_json_samples_SOURCES = tests/libhv/hvt-json-samples.c
tests_libhv_hvt_json_samples_CPPFLAGS = $(LIBHV_TEST_CPPFLAGS)
tests_libhv_hvt_json_samples_CFLAGS = $(LIBHV_CFLAGS)
tests_libhv_hvt_json_samples_LDADD = $(LIBHV_TEST_LIBS)
TESTS += tests/libhv/test-json-schema.sh
EXTRA_DIST += tests/libhv/test-json-schema.sh tests/libhv/check-json-schema.py

check_PROGRAMS += tests/libhv/test-store
tests_libhv_test_store_SOURCES = tests/libhv/test-store.c
tests_libhv_test_store_CPPFLAGS = $(LIBHV_TEST_CPPFLAGS)
tests_libhv_test_store_CFLAGS = $(LIBHV_CFLAGS)
tests_libhv_test_store_LDADD = $(LIBHV_TEST_LIBS)
TESTS += tests/libhv/test-store

check_PROGRAMS += tests/libhv/test-store-crash
tests_libhv_test_store_crash_SOURCES = tests/libhv/test-store-crash.c
tests_libhv_test_store_crash_CPPFLAGS = $(LIBHV_TEST_CPPFLAGS)
tests_libhv_test_store_crash_CFLAGS = $(LIBHV_CFLAGS)
tests_libhv_test_store_crash_LDADD = $(LIBHV_TEST_LIBS)
TESTS += tests/libhv/test-store-crash

TESTS += tests/libhv/test-hv-config.sh
EXTRA_DIST += tests/libhv/test-hv-config.sh

# Benchmark (not a test): "make bench" runs it and prints its figures.
check_PROGRAMS += tests/bench/bench-xlcfg
tests_bench_bench_xlcfg_SOURCES = tests/bench/bench-xlcfg.c
tests_bench_bench_xlcfg_CPPFLAGS = $(LIBHV_CPPFLAGS)
tests_bench_bench_xlcfg_CFLAGS = $(LIBHV_CFLAGS)
tests_bench_bench_xlcfg_LDADD = libhv/libhv-internal.la $(LIBHV_DEPS)
.PHONY: bench bench-libhv
bench: bench-libhv
bench-libhv: tests/bench/bench-xlcfg
	HV_TOP_SRCDIR=$(abs_top_srcdir) $(builddir)/tests/bench/bench-xlcfg 10000

# The runner (libhv/engine/) against real QEMU: tests/engine/.
check_LTLIBRARIES += tests/engine/libhvt-runner.la
tests_engine_libhvt_runner_la_SOURCES = tests/engine/hvt-runner.c tests/engine/hvt-runner.h
tests_engine_libhvt_runner_la_CPPFLAGS = $(LIBHV_CPPFLAGS) -I$(top_srcdir)/tests/support
tests_engine_libhvt_runner_la_CFLAGS = $(LIBHV_CFLAGS)
tests_engine_libhvt_runner_la_LIBADD = tests/libhvtest.la

check_PROGRAMS += tests/engine/test-engine
tests_engine_test_engine_SOURCES = tests/engine/test-engine.c
tests_engine_test_engine_CPPFLAGS = $(LIBHV_CPPFLAGS) -I$(top_srcdir)/tests/engine
tests_engine_test_engine_CFLAGS = $(LIBHV_CFLAGS)
tests_engine_test_engine_LDADD = tests/engine/libhvt-runner.la libhv/libhv-internal.la $(LIBHV_DEPS)
if INTEGRATION_TESTS
TESTS += tests/engine/test-engine
endif

# pvh domains under hv-vmm: skipped without a hardware KVM; test-nested.sh
# runs it inside the nested test host.
check_PROGRAMS += tests/engine/test-engine-pvh
tests_engine_test_engine_pvh_SOURCES = tests/engine/test-engine-pvh.c
tests_engine_test_engine_pvh_CPPFLAGS = $(tests_engine_test_engine_CPPFLAGS)
tests_engine_test_engine_pvh_CFLAGS = $(LIBHV_CFLAGS)
tests_engine_test_engine_pvh_LDADD = $(tests_engine_test_engine_LDADD)
if INTEGRATION_TESTS
TESTS += tests/engine/test-engine-pvh
endif

check_PROGRAMS += tests/libhv/test-qmp
tests_libhv_test_qmp_SOURCES = tests/libhv/test-qmp.c
tests_libhv_test_qmp_CPPFLAGS = $(LIBHV_TEST_CPPFLAGS)
tests_libhv_test_qmp_CFLAGS = $(LIBHV_CFLAGS)
tests_libhv_test_qmp_LDADD = $(LIBHV_TEST_LIBS)
TESTS += tests/libhv/test-qmp

check_PROGRAMS += tests/libhv/test-engine-argv
tests_libhv_test_engine_argv_SOURCES = tests/libhv/test-engine-argv.c
tests_libhv_test_engine_argv_CPPFLAGS = $(LIBHV_TEST_CPPFLAGS)
tests_libhv_test_engine_argv_CFLAGS = $(LIBHV_CFLAGS)
tests_libhv_test_engine_argv_LDADD = $(LIBHV_TEST_LIBS)
TESTS += tests/libhv/test-engine-argv
EXTRA_DIST += tests/libhv/enginedata
