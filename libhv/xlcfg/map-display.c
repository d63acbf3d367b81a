/* vga / stdvga, soundhw and hv's panic devices. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "xlcfg/keys.h"

/* vga's xl values and the models they are; hv adds the others by name. */
static const struct {
	const char *xl;
	HvVideoModel model;
} vga_names[] = {
	{ "stdvga", HV_VIDEO_MODEL_VGA },
	{ "cirrus", HV_VIDEO_MODEL_CIRRUS },
	{ "qxl", HV_VIDEO_MODEL_QXL },
	{ "none", HV_VIDEO_MODEL_NONE },
};

static gboolean
parse_vga_name(HvXlIn *in, HvCfgSetting *s, GError **error)
{
	const char *text;
	if (!hv__xl_get_atom(in, s, s->value, &text, error))
		return FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS(vga_names); i++) {
		if (strcmp(text, vga_names[i].xl) == 0) {
			in->dom->video.model = vga_names[i].model;
			return TRUE;
		}
	}
	int model;
	if (in->dialect == HV_XLCFG_HV && hv_enum_from_string(HV_ENUM_VIDEO_MODEL, text, &model) &&
	    model != HV_VIDEO_MODEL_VGA) {
		in->dom->video.model = model;
		return TRUE;
	}
	return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error,
	                   in->dialect == HV_XLCFG_HV
	                           ? _("\"%s\" is not stdvga, cirrus, qxl, virtio, bochs, ramfb or none")
	                           : _("\"%s\" is not stdvga, cirrus, qxl or none"),
	                   text);
}

/* vga wins over stdvga (stdvga = 1 is vga = "stdvga", 0 is "cirrus"). */
HV__XL_PARSER(vga)
{
	HvCfgSetting *std = hv__cfg_lookup(in->cfg, "stdvga");
	HvTristate t = HV_TRISTATE_DEFAULT;
	(void)k;
	if (std && s)
		hv__xl_warn(in, std, _("stdvga is ignored because vga is given, as xl does"));
	if (s)
		return parse_vga_name(in, s, error);
	if (std && !hv__xl_get_bool(in, std, std->value, &t, error))
		return FALSE;
	if (std)
		in->dom->video.model = t == HV_TRISTATE_YES ? HV_VIDEO_MODEL_VGA : HV_VIDEO_MODEL_CIRRUS;
	return TRUE;
}

HV__XL_FORMATTER(vga)
{
	HvVideoModel model = out->dom->video.model;
	if (model == HV_VIDEO_MODEL_UNSET)
		return TRUE;
	for (gsize i = 0; i < G_N_ELEMENTS(vga_names); i++) {
		if (vga_names[i].model == model) {
			hv__xl_emit_string(out, k->key, vga_names[i].xl);
			return TRUE;
		}
	}
	const char *name = hv_enum_to_string(HV_ENUM_VIDEO_MODEL, model);
	g_autofree char *what = g_strdup_printf(_("video model %s"), name);
	if (!hv__xl_hv_only(out, what, "vga", error))
		return FALSE;
	hv__xl_emit_string(out, k->key, name);
	return TRUE;
}

/* hv_video_address = "pci:DOMAIN:BUS:SLOT:FUNCTION:" (hv_address_to_string). */
HV__XL_PARSER(video_address)
{
	const char *text;
	g_autoptr(GError) local = NULL;
	(void)k;
	if (!hv__xl_get_atom(in, s, s->value, &text, error))
		return FALSE;
	if (!hv_address_from_string(text, &in->dom->video.address, &local))
		return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error, "%s", local->message);
	return TRUE;
}

HV__XL_FORMATTER(video_address)
{
	g_autofree char *text = hv_address_to_string(&out->dom->video.address);
	if (!text)
		return TRUE;
	if (!hv__xl_hv_only(out, _("the video card's address"), k->key, error))
		return FALSE;
	hv__xl_emit_string(out, k->key, text);
	return TRUE;
}

/* soundhw = "hda,ac97": xl's hda is the ich6 model. */
static const char *
sound_xl_name(HvSoundModel model)
{
	return model == HV_SOUND_MODEL_ICH6 ? "hda" : hv_enum_to_string(HV_ENUM_SOUND_MODEL, model);
}

HV__XL_PARSER(soundhw)
{
	const char *text;
	(void)k;
	if (!hv__xl_get_atom(in, s, s->value, &text, error))
		return FALSE;
	g_auto(GStrv) names = g_strsplit(text, ",", -1);
	for (int i = 0; names[i]; i++) {
		int model = HV_SOUND_MODEL_UNSET;
		gboolean xl_name = strcmp(names[i], "hda") == 0 || strcmp(names[i], "ac97") == 0 ||
		                   strcmp(names[i], "sb16") == 0 || strcmp(names[i], "es1370") == 0;
		if (strcmp(names[i], "hda") == 0)
			model = HV_SOUND_MODEL_ICH6;
		else if ((xl_name || in->dialect == HV_XLCFG_HV) && strcmp(names[i], "ich6") != 0)
			hv_enum_from_string(HV_ENUM_SOUND_MODEL, names[i], &model);
		if (model == HV_SOUND_MODEL_UNSET)
			return hv__xl_fail(in, s, s->value, HV_ERROR_INVALID, error,
			                   _("\"%s\" is not a sound card hv provides (hda, ac97, sb16, es1370%s)"),
			                   names[i], in->dialect == HV_XLCFG_HV ? ", ich9, usb" : "");
		HvSound *sound = hv_sound_new();
		sound->model = model;
		g_ptr_array_add(in->dom->sounds, sound);
	}
	return TRUE;
}

HV__XL_FORMATTER(soundhw)
{
	GPtrArray *sounds = out->dom->sounds;
	g_autoptr(GString) text = g_string_new(NULL);
	for (guint i = 0; i < sounds->len; i++) {
		HvSoundModel model = ((const HvSound *)g_ptr_array_index(sounds, i))->model;
		if ((model == HV_SOUND_MODEL_ICH9 || model == HV_SOUND_MODEL_USB) &&
		    !hv__xl_hv_only(out, _("this sound card"), "soundhw", error))
			return FALSE;
		if (model == HV_SOUND_MODEL_UNSET) {
			g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("a sound card has no model"));
			return FALSE;
		}
		g_string_append_printf(text, "%s%s", i ? "," : "", sound_xl_name(model));
	}
	if (text->len)
		hv__xl_emit_string(out, k->key, text->str);
	return TRUE;
}

/* hv_panic = [ "pvpanic", ... ] */
HV__XL_PARSER(panic)
{
	g_autoptr(GPtrArray) names = NULL;
	(void)k;
	if (!hv__xl_get_strings(in, s, FALSE, &names, error))
		return FALSE;
	for (guint i = 0; i < names->len; i++) {
		HvPanic *p = hv_panic_new();
		g_ptr_array_add(in->dom->panics, p);
		if (!hv_enum_from_string(HV_ENUM_PANIC_MODEL, g_ptr_array_index(names, i), (int *)&p->model))
			return hv__xl_fail(in, s, g_ptr_array_index(s->value->items, i), HV_ERROR_INVALID, error,
			                   _("\"%s\" is not isa, pvpanic or hyperv"),
			                   (char *)g_ptr_array_index(names, i));
	}
	return TRUE;
}

HV__XL_FORMATTER(panic)
{
	GPtrArray *panics = out->dom->panics;
	if (panics->len == 0)
		return TRUE;
	if (!hv__xl_hv_only(out, _("panic devices"), k->key, error))
		return FALSE;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < panics->len; i++) {
		HvPanicModel model = ((const HvPanic *)g_ptr_array_index(panics, i))->model;
		if (model == HV_PANIC_MODEL_UNSET) {
			g_ptr_array_unref(names);
			g_set_error(error, HV_ERROR, HV_ERROR_INVALID, _("a panic device has no model"));
			return FALSE;
		}
		g_ptr_array_add(names, g_strdup(hv_enum_to_string(HV_ENUM_PANIC_MODEL, model)));
	}
	hv__xl_emit_strings(out, k->key, names);
	return TRUE;
}
