# units/: see units/README.md
#
# The units are made from units/*.in at build time with the configured
# directories (Autotools leaves ${prefix} unexpanded in configure's output,
# so the substitution happens here) and installed into
# systemdsystemunitdir.
HV_UNITS = units/hvd.service units/hvd.socket units/hvd-ro.socket units/hv-guests.service
systemdsystemunit_DATA = $(HV_UNITS)
CLEANFILES += $(HV_UNITS)
EXTRA_DIST += units/README.md $(HV_UNITS:=.in) units/hv-guests.in

HV_UNIT_SUBST = $(MKDIR_P) units && $(SED) \
	-e 's|@sbindir[@]|$(sbindir)|g' -e 's|@bindir[@]|$(bindir)|g' \
	-e 's|@libexecdir[@]|$(libexecdir)|g' \
	-e 's|@hv_statedir[@]|$(hv_statedir)|g' -e 's|@hv_rundir[@]|$(hv_rundir)|g' \
	-e 's|@hv_logdir[@]|$(hv_logdir)|g' -e 's|@hv_socketdir[@]|$(hv_socketdir)|g'
units/hvd.service: $(srcdir)/units/hvd.service.in Makefile
	$(AM_V_GEN)$(HV_UNIT_SUBST) $(srcdir)/units/hvd.service.in > $@
units/hvd.socket: $(srcdir)/units/hvd.socket.in Makefile
	$(AM_V_GEN)$(HV_UNIT_SUBST) $(srcdir)/units/hvd.socket.in > $@
units/hvd-ro.socket: $(srcdir)/units/hvd-ro.socket.in Makefile
	$(AM_V_GEN)$(HV_UNIT_SUBST) $(srcdir)/units/hvd-ro.socket.in > $@
units/hv-guests.service: $(srcdir)/units/hv-guests.service.in Makefile
	$(AM_V_GEN)$(HV_UNIT_SUBST) $(srcdir)/units/hv-guests.service.in > $@

# hv-guests, the script hv-guests.service runs (libvirt-guests' counterpart).
libexec_SCRIPTS = units/hv-guests
CLEANFILES += units/hv-guests
units/hv-guests: $(srcdir)/units/hv-guests.in Makefile
	$(AM_V_GEN)$(HV_UNIT_SUBST) $(srcdir)/units/hv-guests.in > $@ && chmod +x $@
