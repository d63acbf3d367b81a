# hypervisor/: hv-vmm, see hypervisor/README.md. Everything but main() is a
# convenience library, so the unit tests (tests/vmm/) link the same code.
noinst_LTLIBRARIES += hypervisor/libvmm.la
hypervisor_libvmm_la_SOURCES = \
	hypervisor/vmm-acpi.c hypervisor/vmm-acpi.h \
	hypervisor/vmm-aml.c hypervisor/vmm-aml.h \
	hypervisor/vmm-backends.c hypervisor/vmm-backends.h \
	hypervisor/vmm-board.c \
	hypervisor/vmm-boot.c hypervisor/vmm-boot.h \
	hypervisor/vmm-bus.c hypervisor/vmm-bus.h \
	hypervisor/vmm-bzimage.c hypervisor/vmm-bzimage.h \
	hypervisor/vmm-config.c hypervisor/vmm-config.h \
	hypervisor/vmm-console.c hypervisor/vmm-console.h \
	hypervisor/vmm-console-socket.c hypervisor/vmm-console-socket.h \
	hypervisor/vmm-control.c hypervisor/vmm-control.h \
	hypervisor/vmm-control-qmp.c \
	hypervisor/vmm-cpu.c hypervisor/vmm-cpu.h \
	hypervisor/vmm-cpu-setup.c hypervisor/vmm-cpu-setup.h \
	hypervisor/vmm-cpuid.c hypervisor/vmm-cpuid.h \
	hypervisor/vmm-e820.c hypervisor/vmm-e820.h \
	hypervisor/vmm-elf.c hypervisor/vmm-elf.h \
	hypervisor/vmm-error.c hypervisor/vmm-error.h \
	hypervisor/vmm-events.h \
	hypervisor/vmm-ged.c hypervisor/vmm-ged.h \
	hypervisor/vmm-i8042.c hypervisor/vmm-i8042.h \
	hypervisor/vmm-image.c hypervisor/vmm-image.h \
	hypervisor/vmm-iov.c hypervisor/vmm-iov.h \
	hypervisor/vmm-kvm.c hypervisor/vmm-kvm.h \
	hypervisor/vmm-layout.h \
	hypervisor/vmm-machine.c hypervisor/vmm-machine.h hypervisor/vmm-machine-priv.h \
	hypervisor/vmm-memory.c hypervisor/vmm-memory.h \
	hypervisor/vmm-pvh.c hypervisor/vmm-pvh.h \
	hypervisor/vmm-pvpanic.c hypervisor/vmm-pvpanic.h \
	hypervisor/vmm-qmp.h hypervisor/vmm-qmp-priv.h \
	hypervisor/vmm-qmp-server.c hypervisor/vmm-qmp-session.c \
	hypervisor/vmm-serial.c hypervisor/vmm-serial.h \
	hypervisor/vmm-socket.c hypervisor/vmm-socket.h \
	hypervisor/vmm-virtio-blk.c hypervisor/vmm-virtio-blk.h \
	hypervisor/vmm-virtio-console.c hypervisor/vmm-virtio-console.h \
	hypervisor/vmm-virtio-mmio.c hypervisor/vmm-virtio-mmio.h \
	hypervisor/vmm-virtio-net.c hypervisor/vmm-virtio-net.h \
	hypervisor/vmm-virtqueue.c hypervisor/vmm-virtqueue.h
hypervisor_libvmm_la_CPPFLAGS = $(AM_CPPFLAGS) -D_GNU_SOURCE
hypervisor_libvmm_la_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(JSONC_CFLAGS)
hypervisor_libvmm_la_LIBADD = $(GLIB_LIBS) $(JSONC_LIBS) $(LTLIBINTL) -lpthread
VMM_CFLAGS = $(AM_CFLAGS) -D_GNU_SOURCE -I$(top_srcdir)/hypervisor $(GLIB_CFLAGS) $(JSONC_CFLAGS)
VMM_LIBS = hypervisor/libvmm.la $(GLIB_LIBS) $(JSONC_LIBS)

bin_PROGRAMS += hv-vmm
hv_vmm_SOURCES = hypervisor/vmm-main.c
hv_vmm_CPPFLAGS = $(AM_CPPFLAGS) -D_GNU_SOURCE
hv_vmm_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(JSONC_CFLAGS)
hv_vmm_LDADD = $(VMM_LIBS) $(LTLIBINTL)

EXTRA_DIST += hypervisor/README.md

# Tests that need a real KVM: hvt-nested-run boots the test guest under
# hv-vmm; test-nested.sh runs it inside the nested test host (or directly
# on a host with a hardware KVM).
check_PROGRAMS += tests/nested/hvt-nested-run
tests_nested_hvt_nested_run_SOURCES = tests/nested/hvt-nested-run.c
tests_nested_hvt_nested_run_CFLAGS = $(HVTEST_CFLAGS)
tests_nested_hvt_nested_run_LDADD = $(HVTEST_LIBS)
if INTEGRATION_TESTS
TESTS += tests/nested/test-nested.sh
endif
EXTRA_DIST += tests/nested/test-nested.sh tests/nested/build-nested-host \
	tests/nested/l1-init tests/nested/l1-modules

# Unit tests: no KVM needed (tests/vmm/).
VMM_UNIT_TESTS = tests/vmm/test-vmm-acpi tests/vmm/test-vmm-boot tests/vmm/test-vmm-cli \
	tests/vmm/test-vmm-qmp \
	tests/vmm/test-vmm-serial tests/vmm/test-vmm-virtio tests/vmm/test-vmm-virtqueue
check_PROGRAMS += $(VMM_UNIT_TESTS)
TESTS += $(VMM_UNIT_TESTS)
tests_vmm_test_vmm_acpi_SOURCES = tests/vmm/test-vmm-acpi.c
tests_vmm_test_vmm_acpi_CFLAGS = $(VMM_CFLAGS)
tests_vmm_test_vmm_acpi_LDADD = $(VMM_LIBS)
tests_vmm_test_vmm_boot_SOURCES = tests/vmm/test-vmm-boot.c
tests_vmm_test_vmm_boot_CFLAGS = $(VMM_CFLAGS)
tests_vmm_test_vmm_boot_LDADD = $(VMM_LIBS)
tests_vmm_test_vmm_qmp_SOURCES = tests/vmm/test-vmm-qmp.c
tests_vmm_test_vmm_qmp_CFLAGS = $(VMM_CFLAGS)
tests_vmm_test_vmm_qmp_LDADD = $(VMM_LIBS)
tests_vmm_test_vmm_serial_SOURCES = tests/vmm/test-vmm-serial.c
tests_vmm_test_vmm_serial_CFLAGS = $(VMM_CFLAGS)
tests_vmm_test_vmm_serial_LDADD = $(VMM_LIBS)
tests_vmm_test_vmm_virtqueue_SOURCES = tests/vmm/test-vmm-virtqueue.c
tests_vmm_test_vmm_virtqueue_CFLAGS = $(VMM_CFLAGS)
tests_vmm_test_vmm_virtqueue_LDADD = $(VMM_LIBS)
tests_vmm_test_vmm_virtio_SOURCES = tests/vmm/test-vmm-virtio.c
tests_vmm_test_vmm_virtio_CFLAGS = $(VMM_CFLAGS)
tests_vmm_test_vmm_virtio_LDADD = $(VMM_LIBS)
tests_vmm_test_vmm_cli_SOURCES = tests/vmm/test-vmm-cli.c
tests_vmm_test_vmm_cli_CFLAGS = $(VMM_CFLAGS)
tests_vmm_test_vmm_cli_LDADD = $(VMM_LIBS)
