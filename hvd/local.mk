# hvd/: see hvd/README.md
#
# libhvd.la is the daemon's core (settings, logging, sockets, the daemon's
# life); hvd is a tiny main around it. It is installed a second time as
# "virthvd", the name libvirt's clients look for (and may start) for
# hv:///session.
noinst_LTLIBRARIES += hvd/libhvd.la
HVD_CFLAGS = $(HVLV_CFLAGS) -I$(top_srcdir)/hvd $(SYSTEMD_CFLAGS)
hvd_libhvd_la_SOURCES = \
	hvd/hvd-daemon.c hvd/hvd-daemon.h \
	hvd/hvd-settings.c hvd/hvd-settings.h \
	hvd/hvd-listen.c hvd/hvd-listen.h \
	hvd/hvd-log.c hvd/hvd-log.h
hvd_libhvd_la_CFLAGS = $(HVD_CFLAGS)
hvd_libhvd_la_LIBADD = $(HVLV_LIBS) $(SYSTEMD_LIBS) $(GLIB_LIBS) $(LTLIBINTL)
$(hvd_libhvd_la_OBJECTS): libvirt-driver/hvlv_protocol.h

sbin_PROGRAMS += hvd/hvd
hvd_hvd_SOURCES = hvd/hvd-main.c
hvd_hvd_CFLAGS = $(HVD_CFLAGS)
hvd_hvd_LDADD = hvd/libhvd.la
$(hvd_hvd_OBJECTS): libvirt-driver/hvlv_protocol.h

install-exec-hook: hvd-install-virthvd
uninstall-hook: hvd-uninstall-virthvd
.PHONY: hvd-install-virthvd hvd-uninstall-virthvd
hvd-install-virthvd:
	cd $(DESTDIR)$(sbindir) && rm -f virthvd && $(LN_S) hvd virthvd
hvd-uninstall-virthvd:
	rm -f $(DESTDIR)$(sbindir)/virthvd

# The sample configuration file, installed as documentation.
hvddocdir = $(docdir)
dist_hvddoc_DATA = hvd/hvd.conf.sample

EXTRA_DIST += hvd/README.md

dist_man_MANS = hvd/hvd.8 hvd/virthvd.8 hvd/hvd.conf.5

# Tests of hvd and libvirt-driver (tests/hvd/). The GLib test programs run
# a server inside the test process; the shell tests run the hvd binary
# against real virsh and python3-libvirt.
check_LTLIBRARIES += tests/hvd/libhvdtest.la
tests_hvd_libhvdtest_la_SOURCES = \
	tests/hvd/hvt-rpc.c tests/hvd/hvt-rpc.h \
	tests/hvd/hvt-server.c tests/hvd/hvt-server.h \
	tests/hvd/hvt-test-program.c tests/hvd/hvt-test-program.h
tests_hvd_libhvdtest_la_CFLAGS = $(HVD_CFLAGS)
tests_hvd_libhvdtest_la_LIBADD = hvd/libhvd.la
$(tests_hvd_libhvdtest_la_OBJECTS): libvirt-driver/hvlv_protocol.h
HVDTEST_CFLAGS = $(HVD_CFLAGS) -I$(top_srcdir)/tests/hvd $(GIO_CFLAGS)
HVDTEST_LIBS = tests/hvd/libhvdtest.la $(GIO_LIBS)

HVD_UNIT_TESTS = tests/hvd/test-hvd-units tests/hvd/test-rpc-protocol tests/hvd/test-rpc-events \
	tests/hvd/test-domains
check_PROGRAMS += $(HVD_UNIT_TESTS)
tests_hvd_test_hvd_units_SOURCES = tests/hvd/test-hvd-units.c
tests_hvd_test_hvd_units_CFLAGS = $(HVDTEST_CFLAGS)
tests_hvd_test_hvd_units_LDADD = $(HVDTEST_LIBS)
tests_hvd_test_rpc_protocol_SOURCES = tests/hvd/test-rpc-protocol.c
tests_hvd_test_rpc_protocol_CFLAGS = $(HVDTEST_CFLAGS)
tests_hvd_test_rpc_protocol_LDADD = $(HVDTEST_LIBS)
tests_hvd_test_rpc_events_SOURCES = tests/hvd/test-rpc-events.c
tests_hvd_test_rpc_events_CFLAGS = $(HVDTEST_CFLAGS)
tests_hvd_test_rpc_events_LDADD = $(HVDTEST_LIBS)
tests_hvd_test_domains_SOURCES = tests/hvd/test-domains.c
tests_hvd_test_domains_CFLAGS = $(HVDTEST_CFLAGS)
tests_hvd_test_domains_LDADD = $(HVDTEST_LIBS)
$(tests_hvd_test_hvd_units_OBJECTS) $(tests_hvd_test_rpc_protocol_OBJECTS) \
	$(tests_hvd_test_rpc_events_OBJECTS) $(tests_hvd_test_domains_OBJECTS): \
	libvirt-driver/hvlv_protocol.h
TESTS += $(HVD_UNIT_TESTS) tests/hvd/test-units.sh
if INTEGRATION_TESTS
TESTS += tests/hvd/test-virsh.sh tests/hvd/test-daemon.sh tests/hvd/test-domains-virsh.sh
# Real guests (QEMU TCG, the test guest) through hvd: start, console, shutdown, events.
TESTS += tests/hvd/test-lifecycle.sh
# python3-libvirt's view of a guest's life; on_crash; console back-pressure and SIGKILL of hvd.
TESTS += tests/hvd/test-python-lifecycle.sh tests/hvd/test-crash.sh tests/hvd/test-robust.sh
# Managed save, save and restore of a real guest through hvd.
TESTS += tests/hvd/test-managed-save.sh
# Device addresses kept and honoured by a real guest.
TESTS += tests/hvd/test-addresses.sh
endif
EXTRA_DIST += tests/hvd/test-python-lifecycle.sh tests/hvd/python-lifecycle.py \
	tests/hvd/test-crash.sh tests/hvd/test-robust.sh tests/hvd/hvt-guests.sh tests/hvd/hvt-guest-xml.sh \
	tests/hvd/python-console-push.py
EXTRA_DIST += tests/hvd/test-units.sh tests/hvd/test-virsh.sh tests/hvd/test-daemon.sh \
	tests/hvd/hvt-daemon.sh tests/hvd/python-client.py tests/hvd/test-domains-virsh.sh \
	tests/hvd/python-domains.py tests/hvd/test-lifecycle.sh tests/hvd/python-console.py
EXTRA_DIST += tests/hvd/test-managed-save.sh tests/hvd/test-addresses.sh

# Benchmark (by hand): bash tests/bench/bench-hvd-connect.sh BUILDDIR [N]
EXTRA_DIST += tests/bench/bench-hvd-connect.sh

# Benchmark (not a test): "make bench" runs it; 1,000 defined domains in hvd
# and in stock libvirtd (root needed for the peer), figures and ratios.
EXTRA_DIST += tests/bench/bench-domains.sh
.PHONY: bench-domains
bench: bench-domains
bench-domains: hvd/hvd
	bash $(srcdir)/tests/bench/bench-domains.sh $(builddir) 1000

# Benchmark (not a test): "make bench" runs it; the test guest started 5 times
# through hvd and through stock libvirtd (root needed for the peer): time to
# the ready marker and the daemon's own time until QEMU is exec'd, medians
# and ratios.
EXTRA_DIST += tests/bench/bench-start.sh
.PHONY: bench-start
bench: bench-start
bench-start: hvd/hvd guest
	bash $(srcdir)/tests/bench/bench-start.sh $(builddir) 5
