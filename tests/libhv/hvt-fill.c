/* hvt-fill: random values for every field of the model (hvt-fill.h). */
#include "config.h"

#include <string.h>

#include "hvt-fill.h"
#include "model/desc.h"
#include "model/names.h"

typedef struct {
	GRand *rand;
	HvtFillFlags flags;
} HvtFill;

static const char *const texts[] = {
	"plain", "with space", "quote \" and back\\slash", "line\nbreak\ttab", "comma, equals = colon:",
	"ünïcödé ✓ 日本", "ctrl \x01\x7f", "#not a comment", "'single'", "x",
};

static char *
word(HvtFill *f, const char *prefix)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789_.-";
	GString *s = g_string_new(prefix);
	int n = g_rand_int_range(f->rand, 1, 10);
	for (int i = 0; i < n; i++)
		g_string_append_c(s, chars[g_rand_int_range(f->rand, 0, sizeof(chars) - 1)]);
	return g_string_free(s, FALSE);
}

static char *
cpulist(HvtFill *f, gboolean nodes)
{
	guint a = g_rand_int_range(f->rand, 0, 64), b = a + g_rand_int_range(f->rand, 0, 8);
	const char *pre = nodes ? "nodes:" : "";
	switch (g_rand_int_range(f->rand, 0, 4)) {
	case 0:
		return g_strdup_printf("%s%u", pre, a);
	case 1:
		return g_strdup_printf("%s%u-%u", pre, a, b);
	case 2:
		return g_strdup_printf("%s%u-%u,^%s%u", pre, a, b + 1, pre, b + 1);
	default:
		return g_strdup(nodes ? "nodes:all" : "all");
	}
}

static const char *
pick(HvtFill *f, const char *const *words)
{
	guint n = g_strv_length((char **)words);
	return words[g_rand_int_range(f->rand, 0, n)];
}

static char *
string_for(HvtFill *f, HvStrFormat format)
{
	guint8 b[16];
	for (int i = 0; i < 16; i++)
		b[i] = g_rand_int_range(f->rand, 0, 256);
	switch (format) {
	case HV__FMT_TEXT:
		return g_strdup(texts[g_rand_int_range(f->rand, 0, G_N_ELEMENTS(texts))]);
	case HV__FMT_PATH:
	case HV__FMT_TARGET: {
		g_autofree char *a = word(f, ""), *c = word(f, "");
		return g_strdup_printf("/%s/%s", a, c);
	}
	case HV__FMT_UUID:
		return g_strdup_printf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		                       b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
		                       b[11], b[12], b[13], b[14], b[15]);
	case HV__FMT_MAC:
		return g_strdup_printf("52:54:00:%02x:%02x:%02x", b[0], b[1], b[2]);
	case HV__FMT_CPULIST:
		return cpulist(f, g_rand_boolean(f->rand) && g_rand_boolean(f->rand));
	case HV__FMT_NODELIST:
		return cpulist(f, FALSE);
	case HV__FMT_INTLIST:
		return g_strdup_printf("%u,%u", b[0] % 50 + 10, b[1] % 50 + 10);
	case HV__FMT_BDF:
		return g_strdup_printf("%04x:%02x:%02x.%u", b[0], b[1], b[2] % 32, b[3] % 8);
	case HV__FMT_NAME:
		return word(f, "dom");
	case HV__FMT_HOST:
		return g_rand_boolean(f->rand) ? word(f, "host") : g_strdup(b[0] % 2 ? "::1" : "192.0.2.7");
	case HV__FMT_USB_PORT:
		return g_strdup_printf(b[0] % 2 ? "%u.%u" : "%u", b[1] % 8 + 1, b[2] % 8 + 1);
	case HV__FMT_RATE:
		return g_strdup_printf("%u%s", b[0] % 100 + 1, b[1] % 2 ? "Mb/s@20ms" : "KB/s");
	case HV__FMT_SMBIOS_KEY:
	case HV__FMT_BOOT_DEVICE:
	case HV__FMT_VIRIDIAN_GROUP:
	case HV__FMT_HYPERV:
		return g_strdup(pick(f, hv__vocabulary(format)));
	default:
		return word(f, "w");
	}
}

static gint64
int_for(HvtFill *f, const HvFieldDesc *d)
{
	gint64 lo = d->min, hi = d->max;
	if (!lo && !hi)
		hi = 1000000;
	if (hi - lo < G_MAXINT32)
		return lo + g_rand_int_range(f->rand, 0, (gint32)(hi - lo + 1));
	/* wide ranges: the bounds, and something in between */
	switch (g_rand_int_range(f->rand, 0, 3)) {
	case 0:
		return lo;
	case 1:
		return hi;
	default:
		return lo + (gint64)(g_rand_double(f->rand) * (double)(hi - lo));
	}
}

static void fill_obj(HvtFill *f, const HvTypeDesc *desc, void *p);

static gboolean
skip(HvtFill *f, const HvFieldDesc *d)
{
	if ((f->flags & HVT_FILL_XLCFG) && strcmp(d->name, "xen_options") == 0)
		return TRUE;
	return !d->required && !(f->flags & HVT_FILL_EVERYTHING) && g_rand_int_range(f->rand, 0, 3) == 0;
}

static void
fill_field(HvtFill *f, const HvFieldDesc *d, void *fp)
{
	switch (d->kind) {
	case HV__F_STR:
		g_free(*(char **)fp);
		*(char **)fp = string_for(f, d->format);
		break;
	case HV__F_INT:
		*(HvInt *)fp = HV_INT(int_for(f, d));
		break;
	case HV__F_BOOL:
		*(HvTristate *)fp = g_rand_boolean(f->rand) ? HV_TRISTATE_YES : HV_TRISTATE_NO;
		break;
	case HV__F_ENUM:
		*(int *)fp = g_rand_int_range(f->rand, 1, hv__enum_count(d->enum_id));
		break;
	case HV__F_STRUCT:
		fill_obj(f, d->type, fp);
		break;
	case HV__F_OBJ:
		*(void **)fp = hv__obj_new(d->type);
		fill_obj(f, d->type, *(void **)fp);
		break;
	case HV__F_LIST:
	case HV__F_STRV: {
		int n = g_rand_int_range(f->rand, 1, 4);
		for (int i = 0; i < n; i++) {
			void *e = d->kind == HV__F_LIST ? hv__obj_new(d->type) : string_for(f, d->format);
			if (d->kind == HV__F_LIST)
				fill_obj(f, d->type, e);
			g_ptr_array_add(*(GPtrArray **)fp, e);
		}
		break;
	}
	}
}

static void
fill_obj(HvtFill *f, const HvTypeDesc *desc, void *p)
{
	for (gsize i = 0; i < desc->n_fields; i++) {
		const HvFieldDesc *d = &desc->fields[i];
		if (!skip(f, d))
			fill_field(f, d, HV__FIELD_PTR(p, d));
	}
}

/* A character device xl.cfg's serial syntax can say: its type decides
 * whether it has a path or a host and port. */
static void
fix_chardev(HvtFill *f, HvCharDev *c)
{
	if (c->type == HV_CHAR_TYPE_UNSET)
		c->type = c->path ? HV_CHAR_TYPE_FILE : c->host || c->port.set ? HV_CHAR_TYPE_TCP : HV_CHAR_TYPE_PTY;
	gboolean net = c->type == HV_CHAR_TYPE_TCP || c->type == HV_CHAR_TYPE_UDP;
	gboolean file = c->type == HV_CHAR_TYPE_FILE || c->type == HV_CHAR_TYPE_PIPE ||
	                c->type == HV_CHAR_TYPE_UNIX;
	if (!net)
		g_clear_pointer(&c->host, g_free);
	if (!net)
		c->port.set = FALSE;
	else if (!c->port.set)
		c->port = HV_INT(g_rand_int_range(f->rand, 0, 65536));
	if (!file)
		g_clear_pointer(&c->path, g_free);
	else if (!c->path)
		c->path = string_for(f, HV__FMT_PATH);
}

/* What one model can hold but xl.cfg's keys cannot say at once. */
static void
fix_for_xlcfg(HvtFill *f, HvDomain *d)
{
	if (d->features.viridian)
		g_ptr_array_set_size(d->features.viridian_groups, 0);
	for (guint i = 0; i < d->serials->len; i++)
		fix_chardev(f, &((HvSerial *)g_ptr_array_index(d->serials, i))->source);
	for (guint i = 0; i < d->consoles->len; i++)
		fix_chardev(f, &((HvConsole *)g_ptr_array_index(d->consoles, i))->source);
	for (guint i = 0; i < d->pci->len; i++) {
		HvPciDev *p = g_ptr_array_index(d->pci, i);
		if (p->bdf && p->all_functions == HV_TRISTATE_YES)
			p->bdf[strlen(p->bdf) - 1] = '0';
	}
}

void
hvt_fill_identity(HvDomain *d)
{
	if (!d->name)
		d->name = g_strdup("roundtrip");
	if (!d->type)
		d->type = HV_DOMAIN_TYPE_HVM;
}

void
hvt_fill_domain(HvDomain *domain, GRand *rand, HvtFillFlags flags)
{
	HvtFill f = { rand, flags };
	fill_obj(&f, &hv__domain_desc, domain);
	if (flags & HVT_FILL_XLCFG)
		fix_for_xlcfg(&f, domain);
}

/* Counts leaves down *INDEX; fills the one it reaches 0 at. */
static gboolean
fill_leaf(HvtFill *f, const HvTypeDesc *desc, void *p, guint *index, GString *path)
{
	for (gsize i = 0; i < desc->n_fields; i++) {
		const HvFieldDesc *d = &desc->fields[i];
		void *fp = HV__FIELD_PTR(p, d);
		gsize len = path->len;
		g_string_append_printf(path, "%s%s", len ? "." : "", d->name);
		if ((f->flags & HVT_FILL_XLCFG) && strcmp(d->name, "xen_options") == 0) {
			g_string_truncate(path, len);
			continue;
		}
		if (d->kind == HV__F_STRUCT && fill_leaf(f, d->type, fp, index, path))
			return TRUE;
		if (d->kind == HV__F_LIST) {
			void *e = hv__obj_new(d->type);
			g_string_append(path, "[0]");
			if (fill_leaf(f, d->type, e, index, path)) {
				HvtFill required = { f->rand, 0 };
				for (gsize j = 0; j < d->type->n_fields; j++) {
					const HvFieldDesc *r = &d->type->fields[j];
					if (r->required && hv__field_is_unset(r, HV__FIELD_PTR(e, r)))
						fill_field(&required, r, HV__FIELD_PTR(e, r));
				}
				g_ptr_array_add(*(GPtrArray **)fp, e);
				return TRUE;
			}
			hv__obj_free(d->type, e);
		}
		if (d->kind != HV__F_STRUCT && d->kind != HV__F_LIST && d->kind != HV__F_OBJ && (*index)-- == 0) {
			fill_field(f, d, fp);
			return TRUE;
		}
		g_string_truncate(path, len);
	}
	return FALSE;
}

gboolean
hvt_fill_leaf(HvDomain *domain, guint index, GRand *rand, HvtFillFlags flags, char **path_r)
{
	HvtFill f = { rand, flags | HVT_FILL_EVERYTHING };
	g_autoptr(GString) path = g_string_new(NULL);
	if (!fill_leaf(&f, &hv__domain_desc, domain, &index, path))
		return FALSE;
	if (flags & HVT_FILL_XLCFG)
		fix_for_xlcfg(&f, domain);
	*path_r = g_strdup(path->str);
	return TRUE;
}

void
hvt_fill_run_state(HvRunState *state, GRand *rand)
{
	HvtFill f = { rand, HVT_FILL_EVERYTHING };
	fill_obj(&f, &hv__run_state_desc, state);
}
