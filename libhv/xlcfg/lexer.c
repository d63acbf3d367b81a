/* The xl.cfg lexer: the tokens of Xen's libxlu_cfg_l.l. */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <hv/error.h>

#include "xlcfg/lexer.h"

void
hv__lexer_init(HvLexer *lx, const char *text, gsize len, const char *source)
{
	memset(lx, 0, sizeof(*lx));
	lx->text = text;
	lx->len = len;
	lx->source = source;
	lx->line = 1;
	lx->col = 1;
}

static int
peek(const HvLexer *lx, gsize ahead)
{
	return lx->pos + ahead < lx->len ? (unsigned char)lx->text[lx->pos + ahead] : -1;
}

static void
advance(HvLexer *lx)
{
	if (lx->text[lx->pos] == '\n') {
		lx->line++;
		lx->col = 1;
	} else {
		lx->col++;
	}
	lx->pos++;
}

gboolean
hv__lexer_error(HvLexer *lx, int line, int col, GError **error, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	g_autofree char *msg = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_set_error(error, HV_ERROR, HV_ERROR_PARSE, "%s:%d:%d: %s%s", lx->source, line, col, msg,
	            lx->looks_like_python
	                    ? _(" (this looks like Python: xl.cfg files are not Python programs, see "
	                        "xl.cfg(5))")
	                    : "");
	return FALSE;
}

static gboolean
is_ident_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
}

static gboolean
is_number_char(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == 'x';
}

static void
lex_word(HvLexer *lx, HvToken *t, HvTokenType type, gboolean (*accept)(int))
{
	gsize start = lx->pos;
	while (peek(lx, 0) >= 0 && accept(peek(lx, 0)))
		advance(lx);
	t->type = type;
	t->text = g_strndup(lx->text + start, lx->pos - start);
}

/* Reads the escape after a backslash into OUT (lx at the character after
 * the backslash). */
static gboolean
lex_escape(HvLexer *lx, GString *out, GError **error)
{
	static const char simple_from[] = "\"'\\abfnrtv";
	static const char simple_to[] = "\"'\\\a\b\f\n\r\t\v";
	int c = peek(lx, 0), line = lx->line, col = lx->col - 1;
	const char *hit = c > 0 ? strchr(simple_from, c) : NULL;
	if (hit) {
		g_string_append_c(out, simple_to[hit - simple_from]);
		advance(lx);
		return TRUE;
	}
	int base = c == 'x' ? 16 : 8, max = c == 'x' ? 2 : 3, value = 0, n = 0;
	if (c == 'x')
		advance(lx);
	while (n < max && peek(lx, 0) >= 0 && g_ascii_isxdigit(peek(lx, 0)) &&
	       g_ascii_xdigit_value(peek(lx, 0)) < base) {
		value = value * base + g_ascii_xdigit_value(peek(lx, 0));
		advance(lx);
		n++;
	}
	if (n == 0)
		return hv__lexer_error(lx, line, col, error,
		                       _("invalid escape sequence in a quoted string"));
	if (value == 0 || value > 255)
		return hv__lexer_error(lx, line, col, error,
		                       _("a quoted string cannot hold this character (\\%s)"),
		                       c == 'x' ? "x00" : "0");
	g_string_append_c(out, (char)value);
	return TRUE;
}

static gboolean
lex_string(HvLexer *lx, HvToken *t, GError **error)
{
	int quote = peek(lx, 0);
	g_autoptr(GString) s = g_string_new(NULL);
	advance(lx);
	for (;;) {
		int c = peek(lx, 0);
		if (c < 0 || c == '\n')
			return hv__lexer_error(lx, t->line, t->col, error,
			                       _("this quoted string does not end on its line"));
		advance(lx);
		if (c == quote)
			break;
		if (c == '\\') {
			if (!lex_escape(lx, s, error))
				return FALSE;
			continue;
		}
		g_string_append_c(s, (char)c);
	}
	t->type = HV_TOK_STRING;
	t->text = g_string_free(g_steal_pointer(&s), FALSE);
	return TRUE;
}

static void
skip_blanks_and_comments(HvLexer *lx)
{
	for (;;) {
		int c = peek(lx, 0);
		if (c == ' ' || c == '\t' || (c == '\r' && peek(lx, 1) == '\n')) {
			advance(lx);
		} else if (c == '#') {
			while (peek(lx, 0) >= 0 && peek(lx, 0) != '\n')
				advance(lx);
		} else {
			return;
		}
	}
}

static gboolean
lex_punct(HvLexer *lx, HvToken *t, int c, GError **error)
{
	static const char single[] = ",[]=;\n";
	if (c == '+' && peek(lx, 1) == '=') {
		advance(lx);
		advance(lx);
		t->type = HV_TOK_ADD;
		return TRUE;
	}
	if (c > 0 && strchr(single, c)) {
		advance(lx);
		t->type = c;
		return TRUE;
	}
	if (c > 0 && strchr("+-.():{}", c))
		lx->looks_like_python = TRUE;
	if (c >= 'A' && c <= 'Z')
		return hv__lexer_error(lx, t->line, t->col, error,
		                       _("unexpected '%c': setting names are written in lower case"), c);
	if (c >= 0x20 && c < 0x7f)
		return hv__lexer_error(lx, t->line, t->col, error, _("unexpected '%c'"), c);
	return hv__lexer_error(lx, t->line, t->col, error, _("unexpected byte 0x%02x"), c);
}

gboolean
hv__lexer_next(HvLexer *lx, HvToken *t, GError **error)
{
	g_free(t->text);
	memset(t, 0, sizeof(*t));
	skip_blanks_and_comments(lx);
	t->line = lx->line;
	t->col = lx->col;
	int c = peek(lx, 0);
	if (c < 0) {
		t->type = HV_TOK_EOF;
		return TRUE;
	}
	if (c >= 'a' && c <= 'z') {
		lex_word(lx, t, HV_TOK_IDENT, is_ident_char);
		return TRUE;
	}
	if (c >= '0' && c <= '9') {
		lex_word(lx, t, HV_TOK_NUMBER, is_number_char);
		return TRUE;
	}
	if (c == '"' || c == '\'')
		return lex_string(lx, t, error);
	return lex_punct(lx, t, c, error);
}
