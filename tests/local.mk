# tests/: every test runs under Automake's TAP driver, so each test case
# (GLib's g_test cases print TAP) is counted on its own.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/tap-test.sh
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)

HV_GUEST_DIR = $(abs_top_builddir)/tests/guest/out
AM_TESTS_ENVIRONMENT = \
	HV_GUEST_DIR='$(HV_GUEST_DIR)'; export HV_GUEST_DIR; \
	HV_TOP_SRCDIR='$(abs_top_srcdir)'; export HV_TOP_SRCDIR; \
	HV_TOP_BUILDDIR='$(abs_top_builddir)'; export HV_TOP_BUILDDIR;

# Test support code shared by the tests.
check_LTLIBRARIES += tests/libhvtest.la
tests_libhvtest_la_SOURCES = tests/support/hvt-qemu.c tests/support/hvt-qemu.h
tests_libhvtest_la_CFLAGS = $(AM_CFLAGS) $(GIO_CFLAGS) $(JSONC_CFLAGS)
tests_libhvtest_la_LIBADD = $(GIO_LIBS) $(JSONC_LIBS)
HVTEST_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/tests/support $(GIO_CFLAGS) $(JSONC_CFLAGS)
HVTEST_LIBS = tests/libhvtest.la $(GIO_LIBS) $(JSONC_LIBS)

# The test guest (tests/guest/build-guest), from Debian packages, cached.
# The builder decides from package versions whether the cache is current.
if INTEGRATION_TESTS
check_DATA += tests/guest/out/guest.env
endif
tests/guest/out/guest.env: hv-guest-force
	$(AM_V_GEN)bash $(top_srcdir)/tests/guest/build-guest $(top_builddir)/tests/guest/out
.PHONY: hv-guest-force guest
guest: tests/guest/out/guest.env
clean-local: clean-guest
clean-guest:
	-rm -rf $(top_builddir)/tests/guest/out
EXTRA_DIST += tests/tap-test.sh tests/bench/peer-libvirtd.sh tests/guest/build-guest tests/guest/guest-modules tests/guest/rootfs tests/README.md

# Integration: the guest under real QEMU (TCG).
check_PROGRAMS += tests/integration/test-guest-boot
tests_integration_test_guest_boot_SOURCES = tests/integration/test-guest-boot.c
tests_integration_test_guest_boot_CFLAGS = $(HVTEST_CFLAGS)
tests_integration_test_guest_boot_LDADD = $(HVTEST_LIBS)
if INTEGRATION_TESTS
TESTS += tests/integration/test-guest-boot
endif
