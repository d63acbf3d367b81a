/* The xl.cfg lexer (xlcfg/lexer.c). */
#pragma once

#include <glib.h>

typedef enum {
	HV_TOK_EOF = 256,
	HV_TOK_IDENT,
	HV_TOK_NUMBER,
	HV_TOK_STRING,
	HV_TOK_ADD, /* += */
	/* single characters stand for themselves: , [ ] = ; \n */
} HvTokenType;

typedef struct {
	int type;   /* HvTokenType or a character */
	char *text; /* IDENT, NUMBER, STRING (unescaped) */
	int line, col;
} HvToken;

typedef struct {
	const char *text;
	gsize len, pos;
	int line, col;
	const char *source;
	gboolean looks_like_python; /* xm configs were Python: say so in errors */
} HvLexer;

void hv__lexer_init(HvLexer *lx, const char *text, gsize len, const char *source);

/* Reads the next token into T (freeing T's previous text). */
gboolean hv__lexer_next(HvLexer *lx, HvToken *t, GError **error);

/* Sets an HV_ERROR_PARSE "SOURCE:LINE:COL: message" error; returns FALSE. */
gboolean hv__lexer_error(HvLexer *lx, int line, int col, GError **error, const char *format, ...)
	G_GNUC_PRINTF(5, 6);
