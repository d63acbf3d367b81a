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
