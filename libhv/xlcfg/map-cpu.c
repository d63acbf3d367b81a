/* CPU affinity (cpus, cpus_soft and hv's per-vCPU pins) and CPU features
 * (cpuid and hv_cpu_features). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "model/check.h"
#include "xlcfg/keys.h"

typedef struct {
	const char *key, *pins_key;
	size_t cpuset, pins; /* offsets in HvDomain */
} HvAffinity;

static const HvAffinity hard = { "cpus", "hv_vcpu_pins", offsetof(HvDomain, cpuset),
	                         offsetof(HvDomain, vcpu_pins) };
static const HvAffinity soft = { "cpus_soft", "hv_vcpu_soft_pins", offsetof(HvDomain, cpuset_soft),
	                         offsetof(HvDomain, vcpu_soft_pins) };

static gboolean
check_cpulist(HvXlIn *in, HvCfgSetting *s, HvCfgValue *v, const char *list, GError **error)
{
	return hv__check_string(HV__FMT_CPULIST, list, error) || hv__xl_locate(in, s, v, error);
}

static gboolean
add_pin(HvXlIn *in, HvCfgSetting *s, HvCfgValue *v, GPtrArray *pins, gint64 vcpu, const char *cpus,
        GError **error)
{
	if (!check_cpulist(in, s, v, cpus, error))
		return FALSE;
	HvVcpuPin *pin = hv_vcpu_pin_new();
	pin->vcpu = HV_INT(vcpu);
	pin->cpuset = g_strdup(cpus);
	g_ptr_array_add(pins, pin);
	return TRUE;
}

/* hv_vcpu_pins = [ "VCPU:CPUS", ... ] */
static gboolean
parse_pins(HvXlIn *in, HvCfgSetting *s, GPtrArray *pins, GError **error)
{
	for (guint i = 0; s->value->items && i < s->value->items->len; i++) {
		HvCfgValue *v = g_ptr_array_index(s->value->items, i);
		const char *colon = v->str ? strchr(v->str, ':') : NULL;
		guint64 vcpu;
		g_autofree char *n = colon ? g_strndup(v->str, colon - v->str) : NULL;
		if (!n || !g_ascii_string_to_unsigned(n, 10, 0, 4095, &vcpu, NULL))
			return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error,
			                   _("expected \"VCPU:CPUS\", like \"0:2-3\""));
		if (!add_pin(in, s, v, pins, vcpu, colon + 1, error))
			return FALSE;
	}
	return s->value->items || hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error, _("expected a list"));
}

static gboolean
parse_affinity(HvXlIn *in, HvCfgSetting *s, const HvAffinity *a, GError **error)
{
	GPtrArray *pins = *(GPtrArray **)((char *)in->dom + a->pins);
	HvCfgSetting *ps = hv__cfg_lookup(in->cfg, a->pins_key);
	if (s && !s->value->items) {
		if (!check_cpulist(in, s, s->value, s->value->str, error))
			return FALSE;
		*(char **)((char *)in->dom + a->cpuset) = g_strdup(s->value->str);
	}
	for (guint i = 0; s && s->value->items && i < s->value->items->len; i++) {
		HvCfgValue *v = g_ptr_array_index(s->value->items, i);
		if (v->items)
			return hv__xl_fail(in, s, v, HV_ERROR_INVALID, error, _("expected a CPU list string"));
		if (!add_pin(in, s, v, pins, i, v->str, error))
			return FALSE;
	}
	if (ps)
		ps->used = TRUE;
	return !ps || parse_pins(in, ps, pins, error);
}

/* cpus = "..." for the whole domain, cpus = [ ... ] for vCPUs 0, 1, ... in
 * order; what neither can say goes to hv's VCPU:CPUS list. */
static gboolean
format_affinity(HvXlOut *out, const HvAffinity *a, GError **error)
{
	const char *cpuset = *(char *const *)((const char *)out->dom + a->cpuset);
	GPtrArray *pins = *(GPtrArray *const *)((const char *)out->dom + a->pins);
	guint listed = 0;
	if (cpuset)
		hv__xl_emit_string(out, a->key, cpuset);
	while (!cpuset && listed < pins->len &&
	       ((HvVcpuPin *)g_ptr_array_index(pins, listed))->vcpu.value == listed)
		listed++;
	GPtrArray *list = g_ptr_array_new_with_free_func(g_free), *rest = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < pins->len; i++) {
		const HvVcpuPin *pin = g_ptr_array_index(pins, i);
		if (i < listed)
			g_ptr_array_add(list, g_strdup(pin->cpuset));
		else
			g_ptr_array_add(rest, g_strdup_printf("%" G_GINT64_FORMAT ":%s", pin->vcpu.value,
			                                      pin->cpuset));
	}
	if (list->len)
		hv__xl_emit_strings(out, a->key, list);
	else
		g_ptr_array_unref(list);
	if (rest->len && !hv__xl_hv_only(out, _("pinning of single vCPUs"), a->pins_key, error)) {
		g_ptr_array_unref(rest);
		return FALSE;
	}
	if (rest->len)
		hv__xl_emit_strings(out, a->pins_key, rest);
	else
		g_ptr_array_unref(rest);
	return TRUE;
}

HV__XL_PARSER(cpus)
{
	(void)k;
	return parse_affinity(in, s, &hard, error);
}

HV__XL_FORMATTER(cpus)
{
	(void)k;
	return format_affinity(out, &hard, error);
}

HV__XL_PARSER(cpus_soft)
{
	(void)k;
	return parse_affinity(in, s, &soft, error);
}

HV__XL_FORMATTER(cpus_soft)
{
	(void)k;
	return format_affinity(out, &soft, error);
}

static void
add_feature(HvXlIn *in, const char *name, HvCpuPolicy policy)
{
	HvCpuFeature *f = hv_cpu_feature_new();
	f->name = g_strdup(name);
	f->policy = policy;
	g_ptr_array_add(in->dom->cpu.features, f);
}

/* cpuid = "host,NAME=1,NAME=0": libxl's form, 1 require and 0 disable.
 * Xen's other forms (xend's register lists, bit strings) have no KVM
 * meaning and are kept in xen_options. */
static gboolean
parse_libxl_cpuid(HvXlIn *in, HvCfgSetting *s, GError **error)
{
	g_auto(GStrv) items = g_strsplit(s->value->items ? "" : s->value->str, ",", -1);
	gboolean simple = !s->value->items;
	for (int i = 0; simple && items[i]; i++) {
		const char *eq = strchr(items[i], '=');
		simple = (i == 0 && strcmp(items[i], "host") == 0) ||
		         (eq && eq > items[i] && (strcmp(eq, "=1") == 0 || strcmp(eq, "=0") == 0));
	}
	if (!simple) {
		hv__xl_keep_setting(in, s);
		hv__xl_warn(in, s, _("this form of cpuid is Xen's and is not applied on KVM (use "
		                     "\"host,FEATURE=0|1\" or hv_cpu_features); it is kept"));
		return TRUE;
	}
	for (int i = 0; items[i]; i++) {
		char *eq = strchr(items[i], '=');
		if (!eq)
			continue;
		*eq = '\0';
		add_feature(in, items[i], eq[1] == '1' ? HV_CPU_POLICY_REQUIRE : HV_CPU_POLICY_DISABLE);
	}
	return TRUE;
	(void)error;
}

/* hv_cpu_features = [ "NAME=POLICY", ... ] */
static gboolean
parse_hv_features(HvXlIn *in, HvCfgSetting *s, GError **error)
{
	g_autoptr(GPtrArray) items = NULL;
	if (!hv__xl_get_strings(in, s, FALSE, &items, error))
		return FALSE;
	for (guint i = 0; i < items->len; i++) {
		const char *item = g_ptr_array_index(items, i), *eq = strrchr(item, '=');
		int policy;
		if (!eq || eq == item || !hv_enum_from_string(HV_ENUM_CPU_POLICY, eq + 1, &policy))
			return hv__xl_fail(in, s, g_ptr_array_index(s->value->items, i), HV_ERROR_INVALID, error,
			                   _("expected \"FEATURE=POLICY\" (force, require, optional, disable, "
			                     "forbid), not \"%s\""),
			                   item);
		g_autofree char *name = g_strndup(item, eq - item);
		add_feature(in, name, policy);
	}
	return TRUE;
}

HV__XL_PARSER(cpuid)
{
	HvCfgSetting *f = hv__cfg_lookup(in->cfg, "hv_cpu_features");
	(void)k;
	if (s && !parse_libxl_cpuid(in, s, error))
		return FALSE;
	if (f)
		f->used = TRUE;
	return !f || parse_hv_features(in, f, error);
}

HV__XL_FORMATTER(cpuid)
{
	GPtrArray *features = out->dom->cpu.features;
	/* a Xen-form cpuid kept in xen_options is written as cpuid already */
	gboolean simple = features->len > 0 && !hv__xl_find_xen_option(out->dom, "cpuid");
	(void)k;
	for (guint i = 0; i < features->len; i++) {
		const HvCpuFeature *f = g_ptr_array_index(features, i);
		simple &= f->name && !strpbrk(f->name, ",=") &&
		          (f->policy == HV_CPU_POLICY_REQUIRE || f->policy == HV_CPU_POLICY_DISABLE);
	}
	if (!simple && features->len && !hv__xl_hv_only(out, _("CPU feature policies"), "hv_cpu_features", error))
		return FALSE;
	GString *cpuid = g_string_new("host");
	GPtrArray *list = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < features->len; i++) {
		const HvCpuFeature *f = g_ptr_array_index(features, i);
		g_string_append_printf(cpuid, ",%s=%d", f->name, f->policy == HV_CPU_POLICY_REQUIRE);
		g_ptr_array_add(list, g_strdup_printf("%s=%s", f->name,
		                                      hv_enum_to_string(HV_ENUM_CPU_POLICY, f->policy)));
	}
	if (simple)
		hv__xl_emit_string(out, "cpuid", cpuid->str);
	if (!simple && list->len)
		hv__xl_emit_strings(out, "hv_cpu_features", g_ptr_array_ref(list));
	g_ptr_array_unref(list);
	g_string_free(cpuid, TRUE);
	return TRUE;
}
