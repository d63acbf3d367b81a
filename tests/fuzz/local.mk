# tests/fuzz/: libFuzzer targets (see tests/fuzz/README.md).
#
# A target is one file defining LLVMFuzzerTestOneInput, with a seed corpus in
# tests/fuzz/corpus/<target-name>/. Add one like this:
#   HV_FUZZERS += tests/fuzz/fuzz-NAME
#   tests_fuzz_fuzz_NAME_SOURCES = tests/fuzz/fuzz-NAME.c
#   tests_fuzz_fuzz_NAME_CFLAGS = $(AM_CFLAGS) ...
#   tests_fuzz_fuzz_NAME_LDADD = $(FUZZ_DRIVER) ...the code under test...
#   tests_fuzz_fuzz_NAME_LDFLAGS = $(FUZZ_LDFLAGS)
#
# Normal build: the target links the replay driver and "make check" replays
# its seed corpus (a regression test). Fuzzing build (--enable-fuzzing,
# CC=clang): it links libFuzzer and "make fuzz-smoke" runs every target for
# HV_FUZZ_SECONDS (default 20) through the same test harness.
HV_FUZZERS =
check_PROGRAMS += $(HV_FUZZERS)

if FUZZING
FUZZ_DRIVER =
else
check_LIBRARIES = tests/fuzz/libfuzzreplay.a
tests_fuzz_libfuzzreplay_a_SOURCES = tests/fuzz/fuzz-replay.c
tests_fuzz_libfuzzreplay_a_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
FUZZ_DRIVER = tests/fuzz/libfuzzreplay.a $(GLIB_LIBS)
TESTS += $(HV_FUZZERS)
endif

# The libvirt RPC message decoder (libvirt-driver/).
HV_FUZZERS += tests/fuzz/fuzz-rpc-message
tests_fuzz_fuzz_rpc_message_SOURCES = tests/fuzz/fuzz-rpc-message.c
tests_fuzz_fuzz_rpc_message_CFLAGS = $(HVLV_CFLAGS)
tests_fuzz_fuzz_rpc_message_LDADD = $(FUZZ_DRIVER) $(HVLV_LIBS)
tests_fuzz_fuzz_rpc_message_LDFLAGS = $(FUZZ_LDFLAGS)
$(tests_fuzz_fuzz_rpc_message_OBJECTS): libvirt-driver/hvlv_protocol.h
EXTRA_DIST += tests/fuzz/corpus/fuzz-rpc-message

HV_FUZZ_SECONDS ?= 20
.PHONY: fuzz-smoke
fuzz-smoke:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$(HV_FUZZERS)" \
		LOG_COMPILER="$(SHELL) $(abs_top_srcdir)/tests/fuzz/fuzz-run.sh" \
		HV_FUZZ_SECONDS="$(HV_FUZZ_SECONDS)"

EXTRA_DIST += tests/fuzz/README.md tests/fuzz/fuzz-run.sh

# libhv: the xl.cfg parser and the JSON loader (seeds: libhv's golden files).
HV_FUZZERS += tests/fuzz/fuzz-xlcfg tests/fuzz/fuzz-json
tests_fuzz_fuzz_xlcfg_SOURCES = tests/fuzz/fuzz-xlcfg.c
tests_fuzz_fuzz_xlcfg_CPPFLAGS = $(LIBHV_CPPFLAGS)
tests_fuzz_fuzz_xlcfg_CFLAGS = $(LIBHV_CFLAGS)
tests_fuzz_fuzz_xlcfg_LDADD = $(FUZZ_DRIVER) libhv/libhv-internal.la $(LIBHV_DEPS)
tests_fuzz_fuzz_xlcfg_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_json_SOURCES = tests/fuzz/fuzz-json.c
tests_fuzz_fuzz_json_CPPFLAGS = $(LIBHV_CPPFLAGS)
tests_fuzz_fuzz_json_CFLAGS = $(LIBHV_CFLAGS)
tests_fuzz_fuzz_json_LDADD = $(FUZZ_DRIVER) libhv/libhv-internal.la $(LIBHV_DEPS)
tests_fuzz_fuzz_json_LDFLAGS = $(FUZZ_LDFLAGS)
EXTRA_DIST += tests/fuzz/corpus/fuzz-xlcfg tests/fuzz/corpus/fuzz-json

# hv-vmm: QMP input from clients, virtqueues from guest drivers.
HV_FUZZERS += tests/fuzz/fuzz-vmm-qmp tests/fuzz/fuzz-vmm-virtqueue
tests_fuzz_fuzz_vmm_qmp_SOURCES = tests/fuzz/fuzz-vmm-qmp.c
tests_fuzz_fuzz_vmm_qmp_CFLAGS = $(VMM_CFLAGS)
tests_fuzz_fuzz_vmm_qmp_LDADD = $(FUZZ_DRIVER) $(VMM_LIBS)
tests_fuzz_fuzz_vmm_qmp_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_vmm_virtqueue_SOURCES = tests/fuzz/fuzz-vmm-virtqueue.c
tests_fuzz_fuzz_vmm_virtqueue_CFLAGS = $(VMM_CFLAGS)
tests_fuzz_fuzz_vmm_virtqueue_LDADD = $(FUZZ_DRIVER) $(VMM_LIBS)
tests_fuzz_fuzz_vmm_virtqueue_LDFLAGS = $(FUZZ_LDFLAGS)
EXTRA_DIST += tests/fuzz/corpus/fuzz-vmm-qmp tests/fuzz/corpus/fuzz-vmm-virtqueue

# libhv: what a QMP server sends to libhv's QMP client (both engines).
HV_FUZZERS += tests/fuzz/fuzz-qmp-client
tests_fuzz_fuzz_qmp_client_SOURCES = tests/fuzz/fuzz-qmp-client.c
tests_fuzz_fuzz_qmp_client_CPPFLAGS = $(LIBHV_CPPFLAGS)
tests_fuzz_fuzz_qmp_client_CFLAGS = $(LIBHV_CFLAGS)
tests_fuzz_fuzz_qmp_client_LDADD = $(FUZZ_DRIVER) libhv/libhv-internal.la $(LIBHV_DEPS)
tests_fuzz_fuzz_qmp_client_LDFLAGS = $(FUZZ_LDFLAGS)
EXTRA_DIST += tests/fuzz/corpus/fuzz-qmp-client

# libvirt-driver: the domain XML parser (seeds: tests/domxml's inputs).
HV_FUZZERS += tests/fuzz/fuzz-domxml
tests_fuzz_fuzz_domxml_SOURCES = tests/fuzz/fuzz-domxml.c
tests_fuzz_fuzz_domxml_CFLAGS = $(HVLV_DOMXML_CFLAGS)
tests_fuzz_fuzz_domxml_LDADD = $(FUZZ_DRIVER) libvirt-driver/libhvlv-domxml.la $(GLIB_LIBS)
tests_fuzz_fuzz_domxml_LDFLAGS = $(FUZZ_LDFLAGS)
EXTRA_DIST += tests/fuzz/corpus/fuzz-domxml
