# libvirt-driver/: see libvirt-driver/README.md
#
# libhvlv.la: libvirt's remote RPC protocol (framing, dispatch, keepalive,
# events, streams) and the procedure handlers. The XDR code is generated
# by rpcgen from hvlv_protocol.x at build time into a library of its own,
# since rpcgen's output declares variables it does not always use.
noinst_LTLIBRARIES += libvirt-driver/libhvlv-xdr.la libvirt-driver/libhvlv.la

HVLV_GENERATED = libvirt-driver/hvlv_protocol.h libvirt-driver/hvlv_protocol.c
libvirt_driver_libhvlv_xdr_la_SOURCES =
nodist_libvirt_driver_libhvlv_xdr_la_SOURCES = $(HVLV_GENERATED)
libvirt_driver_libhvlv_xdr_la_CFLAGS = $(AM_CFLAGS) -Wno-unused-variable $(TIRPC_CFLAGS)
libvirt_driver_libhvlv_xdr_la_LIBADD = $(TIRPC_LIBS)

# rpcgen names the header it includes after its input path, so it runs in
# the source directory and writes into the build directory.
libvirt-driver/hvlv_protocol.h: libvirt-driver/hvlv_protocol.x
	$(AM_V_GEN)$(MKDIR_P) libvirt-driver && rm -f $@ && \
	(cd $(srcdir)/libvirt-driver && $(RPCGEN) -h hvlv_protocol.x) > $@.tmp && mv $@.tmp $@
libvirt-driver/hvlv_protocol.c: libvirt-driver/hvlv_protocol.x
	$(AM_V_GEN)$(MKDIR_P) libvirt-driver && rm -f $@ && \
	(cd $(srcdir)/libvirt-driver && $(RPCGEN) -c hvlv_protocol.x) > $@.tmp && mv $@.tmp $@
CLEANFILES += $(HVLV_GENERATED)

HVLV_CFLAGS = $(AM_CFLAGS) -I$(top_builddir)/libvirt-driver -I$(top_srcdir)/libvirt-driver \
	-I$(top_srcdir)/libhv/include $(GLIB_CFLAGS) $(TIRPC_CFLAGS) $(LIBXML_CFLAGS)
libvirt_driver_libhvlv_la_SOURCES = \
	libvirt-driver/hvlv-message.c libvirt-driver/hvlv-message.h \
	libvirt-driver/hvlv-program.h libvirt-driver/hvlv-procedures.c \
	libvirt-driver/hvlv-server.c libvirt-driver/hvlv-server.h \
	libvirt-driver/hvlv-client.c libvirt-driver/hvlv-private.h \
	libvirt-driver/hvlv-dispatch.c \
	libvirt-driver/hvlv-keepalive.c libvirt-driver/hvlv-keepalive.h \
	libvirt-driver/hvlv-events.c libvirt-driver/hvlv-events.h \
	libvirt-driver/hvlv-stream.c libvirt-driver/hvlv-stream.h \
	libvirt-driver/hvlv-proc.h libvirt-driver/hvlv-proc-connect.c \
	libvirt-driver/hvlv-proc-node.c libvirt-driver/hvlv-proc-events.c \
	libvirt-driver/hvlv-proc-xml.c \
	libvirt-driver/hvlv-domains.c libvirt-driver/hvlv-domains.h \
	libvirt-driver/hvlv-domains-change.c libvirt-driver/hvlv-domains-job.c libvirt-driver/hvlv-domains-private.h \
	libvirt-driver/hvlv-domains-engine.c \
	libvirt-driver/hvlv-metadata.c libvirt-driver/hvlv-metadata.h \
	libvirt-driver/hvlv-proc-domain-lookup.c libvirt-driver/hvlv-proc-domain-xml.c \
	libvirt-driver/hvlv-proc-domain-info.c libvirt-driver/hvlv-proc-domain-metadata.c \
	libvirt-driver/hvlv-proc-domain-life.c libvirt-driver/hvlv-proc-domain-console.c \
	libvirt-driver/hvlv-proc-domain-save.c libvirt-driver/hvlv-proc-domain-restore.c \
	libvirt-driver/hvlv-save-image.c libvirt-driver/hvlv-save-image.h
libvirt_driver_libhvlv_la_CFLAGS = $(HVLV_CFLAGS)
libvirt_driver_libhvlv_la_LIBADD = libvirt-driver/libhvlv-xdr.la libvirt-driver/libhvlv-domxml.la \
	libhv/libhv.la $(GLIB_LIBS) $(TIRPC_LIBS) $(LIBXML_LIBS) $(LTLIBINTL)
HVLV_LIBS = libvirt-driver/libhvlv.la

# libhvlv-domxml.la: domain XML <-> libhv's model, capabilities, native
# formats (libxml2 and libhv; no RPC), linked by the driver, its tests and
# the XML fuzz target.
noinst_LTLIBRARIES += libvirt-driver/libhvlv-domxml.la
HVLV_DOMXML_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/libvirt-driver -I$(top_srcdir)/libhv/include \
	$(GLIB_CFLAGS) $(LIBXML_CFLAGS)
libvirt_driver_libhvlv_domxml_la_SOURCES = \
	libvirt-driver/hvlv-xml.c libvirt-driver/hvlv-xml.h \
	libvirt-driver/hvlv-domxml.c libvirt-driver/hvlv-domxml.h \
	libvirt-driver/hvlv-domxml-private.h \
	libvirt-driver/hvlv-domxml-tables.c libvirt-driver/hvlv-domxml-tables.h \
	libvirt-driver/hvlv-domxml-parse.c libvirt-driver/hvlv-domxml-parse-cpu.c \
	libvirt-driver/hvlv-domxml-parse-os.c libvirt-driver/hvlv-domxml-parse-dev.c \
	libvirt-driver/hvlv-domxml-address.c \
	libvirt-driver/hvlv-domxml-parse-chr.c \
	libvirt-driver/hvlv-domxml-format.c libvirt-driver/hvlv-domxml-format-os.c \
	libvirt-driver/hvlv-domxml-format-dev.c libvirt-driver/hvlv-domxml-format-chr.c \
	libvirt-driver/hvlv-caps.c libvirt-driver/hvlv-caps.h libvirt-driver/hvlv-caps-probe.c \
	libvirt-driver/hvlv-domcaps.c \
	libvirt-driver/hvlv-native.c libvirt-driver/hvlv-native.h \
	libvirt-driver/hvlv-error.c libvirt-driver/hvlv-error.h \
	libvirt-driver/hvlv-host.c libvirt-driver/hvlv-host.h
libvirt_driver_libhvlv_domxml_la_CFLAGS = $(HVLV_DOMXML_CFLAGS)
libvirt_driver_libhvlv_domxml_la_LIBADD = libhv/libhv.la $(GLIB_LIBS) $(LIBXML_LIBS) $(LTLIBINTL)

# Everything that includes the generated header waits for it.
$(libvirt_driver_libhvlv_la_OBJECTS) $(libvirt_driver_libhvlv_xdr_la_OBJECTS): \
	libvirt-driver/hvlv_protocol.h

EXTRA_DIST += libvirt-driver/README.md libvirt-driver/hvlv_protocol.x

# Domain XML, capabilities and native formats (tests/domxml/).
check_PROGRAMS += tests/domxml/test-domxml tests/domxml/test-caps
tests_domxml_test_domxml_SOURCES = tests/domxml/test-domxml.c
tests_domxml_test_domxml_CFLAGS = $(HVLV_DOMXML_CFLAGS)
tests_domxml_test_domxml_LDADD = libvirt-driver/libhvlv-domxml.la $(GLIB_LIBS)
tests_domxml_test_caps_SOURCES = tests/domxml/test-caps.c
tests_domxml_test_caps_CFLAGS = $(HVLV_DOMXML_CFLAGS)
tests_domxml_test_caps_LDADD = libvirt-driver/libhvlv-domxml.la $(GLIB_LIBS)
TESTS += tests/domxml/test-domxml tests/domxml/test-caps
EXTRA_DIST += tests/domxml/data tests/domxml/invalid
if INTEGRATION_TESTS
TESTS += tests/domxml/test-virsh-xml.sh
endif
EXTRA_DIST += tests/domxml/test-virsh-xml.sh
