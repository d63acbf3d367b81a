# libhv/: the domain-config library and the hv command line tool.
bin_PROGRAMS += hv
hv_SOURCES = libhv/cli/hv-main.c
hv_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
hv_LDADD = $(GLIB_LIBS) $(LTLIBINTL)
EXTRA_DIST += libhv/README.md
