/* Platform settings: viridian and hv's Hyper-V list, the clock (localtime,
 * rtc_timeoffset), timers (hpet, tsc_mode), the VM generation ID. Where
 * xl.cfg's settings cannot say what the model holds, hv's settings say all
 * of that part instead, so a domain reads back exactly as it was written. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "model/names.h"
#include "xlcfg/devices.h"
#include "xlcfg/keys.h"

/* viridian = 0|1, or a list of enlightenment groups ("base", "!freq"). */
HV__XL_PARSER(viridian)
{
	HvFeatures *f = &in->dom->features;
	(void)k;
	if (!s->value->items)
		return hv__xl_get_bool(in, s, s->value, &f->viridian, error);
	GPtrArray *groups = NULL;
	if (!hv__xl_get_strings(in, s, FALSE, &groups, error))
		return FALSE;
	g_ptr_array_unref(f->viridian_groups);
	f->viridian_groups = groups;
	for (guint i = 0; i < groups->len; i++) {
		if (!hv__viridian_group_is_known(g_ptr_array_index(groups, i)))
			return hv__xl_fail(in, s, g_ptr_array_index(s->value->items, i), HV_ERROR_INVALID, error,
			                   _("\"%s\" is not a viridian group (see xl.cfg(5))"),
			                   (char *)g_ptr_array_index(groups, i));
	}
	return TRUE;
}

HV__XL_FORMATTER(viridian)
{
	const HvFeatures *f = &out->dom->features;
	(void)error;
	if (f->viridian != HV_TRISTATE_DEFAULT)
		hv__xl_emit_int(out, k->key, f->viridian == HV_TRISTATE_YES);
	if (f->viridian_groups->len)
		hv__xl_emit_strings(out, k->key, g_ptr_array_ref(f->viridian_groups));
	return TRUE;
}

/* hv_hyperv = [ "relaxed=on", "vapic=off", "spinlocks=on:8191", "vendor_id:KVM" ] */
HV__XL_PARSER(hyperv)
{
	g_autoptr(GPtrArray) items = NULL;
	(void)k;
	if (!hv__xl_get_strings(in, s, FALSE, &items, error))
		return FALSE;
	for (guint i = 0; i < items->len; i++) {
		g_auto(GStrv) nv = g_strsplit(g_ptr_array_index(items, i), ":", 2);
		g_auto(GStrv) ns = g_strsplit(nv[0] ? nv[0] : "", "=", 2);
		HvHypervFeature *h = hv_hyperv_feature_new();
		g_ptr_array_add(in->dom->features.hyperv, h);
		h->name = g_strdup(ns[0]);
		h->value = g_strdup(nv[0] ? nv[1] : NULL);
		gboolean ok = hv__hyperv_name_is_known(h->name);
		if (ns[0] && ns[1]) {
			ok &= strcmp(ns[1], "on") == 0 || strcmp(ns[1], "off") == 0;
			h->state = HV_TRISTATE(strcmp(ns[1], "on") == 0);
		}
		if (!ok)
			return hv__xl_fail(in, s, g_ptr_array_index(s->value->items, i), HV_ERROR_INVALID, error,
			                   _("expected \"NAME[=on|off][:VALUE]\" with a Hyper-V "
			                     "enlightenment as libvirt names it, not \"%s\""),
			                   (char *)g_ptr_array_index(items, i));
	}
	return TRUE;
}

HV__XL_FORMATTER(hyperv)
{
	GPtrArray *hyperv = out->dom->features.hyperv;
	if (hyperv->len == 0)
		return TRUE;
	if (!hv__xl_hv_only(out, _("Hyper-V enlightenments"), k->key, error))
		return FALSE;
	GPtrArray *items = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < hyperv->len; i++) {
		const HvHypervFeature *h = g_ptr_array_index(hyperv, i);
		g_ptr_array_add(items, g_strdup_printf("%s%s%s%s", h->name,
		                                       h->state ? (h->state == HV_TRISTATE_YES ? "=on" : "=off") : "",
		                                       h->value ? ":" : "", h->value ? h->value : ""));
	}
	hv__xl_emit_strings(out, k->key, items);
	return TRUE;
}

/* The clock: xl's localtime and rtc_timeoffset, or hv's hv_clock_*. */
static gboolean
parse_hv_clock(HvXlIn *in, GError **error)
{
	static const HvXlKey keys[] = {
		{ "hv_clock_offset", HV__XK_ENUM, offsetof(HvDomain, clock.offset), HV_ENUM_CLOCK_OFFSET, HV__XF_HV, NULL, NULL, NULL, NULL },
		{ "hv_clock_basis", HV__XK_ENUM, offsetof(HvDomain, clock.basis), HV_ENUM_CLOCK_BASIS, HV__XF_HV, NULL, NULL, NULL, NULL },
		{ "hv_clock_adjustment", HV__XK_INT, offsetof(HvDomain, clock.adjustment), 0, HV__XF_HV, NULL, NULL, NULL, NULL },
		{ "hv_clock_timezone", HV__XK_STRING, offsetof(HvDomain, clock.timezone), 0, HV__XF_HV, NULL, NULL, NULL, NULL },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
		HvCfgSetting *s = hv__cfg_lookup(in->cfg, keys[i].key);
		if (s && !hv__xl_parse_simple(in, &keys[i], s, error))
			return FALSE;
	}
	return TRUE;
}

static gboolean
has_hv_clock(HvXlIn *in)
{
	static const char *const keys[] = { "hv_clock_offset", "hv_clock_basis", "hv_clock_adjustment",
		                            "hv_clock_timezone" };
	gboolean any = FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
		HvCfgSetting *s = hv__cfg_lookup(in->cfg, keys[i]);
		if (s)
			s->used = any = TRUE;
	}
	return any;
}

HV__XL_PARSER(clock)
{
	HvCfgSetting *rtc = hv__cfg_lookup(in->cfg, "rtc_timeoffset");
	HvClock *c = &in->dom->clock;
	HvTristate localtime = HV_TRISTATE_DEFAULT;
	gint64 offset = 0;
	(void)k;
	if (has_hv_clock(in)) {
		if (s || rtc)
			return hv__xl_fail(in, s ? s : rtc, NULL, HV_ERROR_INVALID, error,
			                   _("give the clock either with localtime and rtc_timeoffset or with "
			                     "hv_clock_*, not both"));
		return parse_hv_clock(in, error);
	}
	if ((s && !hv__xl_get_bool(in, s, s->value, &localtime, error)) ||
	    (rtc && !hv__xl_get_int(in, rtc, rtc->value, &offset, error)))
		return FALSE;
	if (rtc) {
		c->offset = HV_CLOCK_OFFSET_VARIABLE;
		c->adjustment = HV_INT(offset);
		c->basis = localtime == HV_TRISTATE_DEFAULT ? HV_CLOCK_BASIS_UNSET
		           : localtime == HV_TRISTATE_YES   ? HV_CLOCK_BASIS_LOCALTIME
		                                            : HV_CLOCK_BASIS_UTC;
	} else if (localtime) {
		c->offset = localtime == HV_TRISTATE_YES ? HV_CLOCK_OFFSET_LOCALTIME : HV_CLOCK_OFFSET_UTC;
	}
	return TRUE;
}

/* Whether xl's localtime and rtc_timeoffset can say all of the clock. */
static gboolean
clock_is_xl(const HvClock *c)
{
	if (c->timezone)
		return FALSE;
	if (c->offset == HV_CLOCK_OFFSET_VARIABLE)
		return c->adjustment.set;
	if (c->offset == HV_CLOCK_OFFSET_TIMEZONE)
		return FALSE;
	return c->basis == HV_CLOCK_BASIS_UNSET && !c->adjustment.set;
}

HV__XL_FORMATTER(clock)
{
	const HvClock *c = &out->dom->clock;
	if (clock_is_xl(c)) {
		HvClockBasis local = c->offset == HV_CLOCK_OFFSET_VARIABLE ? c->basis
		                     : c->offset == HV_CLOCK_OFFSET_LOCALTIME ? HV_CLOCK_BASIS_LOCALTIME
		                     : c->offset == HV_CLOCK_OFFSET_UTC ? HV_CLOCK_BASIS_UTC
		                                                        : HV_CLOCK_BASIS_UNSET;
		if (local != HV_CLOCK_BASIS_UNSET)
			hv__xl_emit_int(out, k->key, local == HV_CLOCK_BASIS_LOCALTIME);
		if (c->offset == HV_CLOCK_OFFSET_VARIABLE)
			hv__xl_emit_int(out, "rtc_timeoffset", c->adjustment.value);
		return TRUE;
	}
	if (!hv__xl_hv_only(out, _("clock offsets other than localtime and rtc_timeoffset"), "hv_clock_offset", error))
		return FALSE;
	if (c->offset)
		hv__xl_emit_string(out, "hv_clock_offset", hv_enum_to_string(HV_ENUM_CLOCK_OFFSET, c->offset));
	if (c->basis)
		hv__xl_emit_string(out, "hv_clock_basis", hv_enum_to_string(HV_ENUM_CLOCK_BASIS, c->basis));
	if (c->adjustment.set)
		hv__xl_emit_int(out, "hv_clock_adjustment", c->adjustment.value);
	if (c->timezone)
		hv__xl_emit_string(out, "hv_clock_timezone", c->timezone);
	return TRUE;
}

/* tsc_mode's values and the tsc timer modes they are. */
static const char *const tsc_modes[] = { "default", "always_emulate", "native", "native_paravirt" };
static const HvTimerMode tsc_timer_modes[] = { HV_TIMER_MODE_AUTO, HV_TIMER_MODE_EMULATE,
	                                       HV_TIMER_MODE_NATIVE, HV_TIMER_MODE_PARAVIRT };

static HvTimer *
add_timer(HvXlIn *in, HvTimerName name)
{
	HvTimer *t = hv_timer_new();
	t->name = name;
	g_ptr_array_add(in->dom->clock.timers, t);
	return t;
}

static gboolean
parse_tsc_mode(HvXlIn *in, HvCfgSetting *s, GError **error)
{
	const char *text;
	if (!hv__xl_get_atom(in, s, s->value, &text, error))
		return FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS(tsc_modes); i++) {
		if (strcmp(text, tsc_modes[i]) == 0) {
			add_timer(in, HV_TIMER_NAME_TSC)->mode = tsc_timer_modes[i];
			return TRUE;
		}
	}
	return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error,
	                   _("\"%s\" is not default, always_emulate, native or native_paravirt"), text);
}

/* At the hpet entry: hpet, tsc_mode, then hv's timer list. */
HV__XL_PARSER(timers)
{
	HvCfgSetting *tsc = hv__cfg_lookup(in->cfg, "tsc_mode"), *list = hv__cfg_lookup(in->cfg, "hv_timers");
	(void)k;
	if (s && !hv__xl_get_bool(in, s, s->value, &add_timer(in, HV_TIMER_NAME_HPET)->present, error))
		return FALSE;
	if (tsc && (tsc->used = TRUE) && !parse_tsc_mode(in, tsc, error))
		return FALSE;
	if (list)
		list->used = TRUE;
	return !list || hv__spec_parse_list(in, list, &hv__timer_spec, in->dom->clock.timers, error);
}

/* The xl form: [hpet with only present][tsc with only a tsc_mode mode]. */
static gboolean
timers_are_xl(GPtrArray *timers, const HvTimer **hpet_r, const char **tsc_r)
{
	guint i = 0;
	*hpet_r = NULL;
	*tsc_r = NULL;
	const HvTimer *t = i < timers->len ? g_ptr_array_index(timers, i) : NULL;
	if (t && t->name == HV_TIMER_NAME_HPET && t->present && !t->tickpolicy && !t->track &&
	    !t->frequency.set && !t->mode) {
		*hpet_r = t;
		t = ++i < timers->len ? g_ptr_array_index(timers, i) : NULL;
	}
	for (gsize m = 0; t && t->name == HV_TIMER_NAME_TSC && m < G_N_ELEMENTS(tsc_modes); m++) {
		if (t->mode == tsc_timer_modes[m] && !t->present && !t->tickpolicy && !t->track &&
		    !t->frequency.set) {
			*tsc_r = tsc_modes[m];
			i++;
			break;
		}
	}
	return i == timers->len;
}

HV__XL_FORMATTER(timers)
{
	GPtrArray *timers = out->dom->clock.timers;
	const HvTimer *hpet;
	const char *tsc;
	if (timers_are_xl(timers, &hpet, &tsc)) {
		if (hpet)
			hv__xl_emit_int(out, k->key, hpet->present == HV_TRISTATE_YES);
		if (tsc)
			hv__xl_emit_string(out, "tsc_mode", tsc);
		return TRUE;
	}
	return hv__xl_hv_only(out, _("timers other than hpet and tsc_mode"), "hv_timers", error) &&
	       hv__spec_format_list(out, "hv_timers", &hv__timer_spec, timers, error);
}

/* ms_vm_genid = "generate" | "none", and hv's hv_genid = UUID. */
HV__XL_PARSER(genid)
{
	HvCfgSetting *value = hv__cfg_lookup(in->cfg, "hv_genid");
	HvGenid *g = &in->dom->genid;
	const char *text;
	(void)k;
	if (s && !hv__xl_get_atom(in, s, s->value, &text, error))
		return FALSE;
	if (s && strcmp(text, "generate") != 0 && strcmp(text, "none") != 0)
		return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error,
		                   _("expected \"generate\" or \"none\", not \"%s\""), text);
	if (s)
		g->enabled = HV_TRISTATE(strcmp(text, "generate") == 0);
	if (value) {
		static const HvXlKey key = { "hv_genid", HV__XK_STRING, offsetof(HvDomain, genid.value), 0,
			                     HV__XF_HV, NULL, NULL, NULL, NULL };
		value->used = TRUE;
		return hv__xl_parse_simple(in, &key, value, error);
	}
	return TRUE;
}

HV__XL_FORMATTER(genid)
{
	const HvGenid *g = &out->dom->genid;
	if (g->enabled)
		hv__xl_emit_string(out, k->key, g->enabled == HV_TRISTATE_YES ? "generate" : "none");
	if (g->value && !hv__xl_hv_only(out, _("the VM generation ID's value"), "hv_genid", error))
		return FALSE;
	if (g->value)
		hv__xl_emit_string(out, "hv_genid", g->value);
	return TRUE;
}
