/*
 * The definitions of the JavaScript family and its languages (language.h).
 */
#ifndef SF_JS_LANGUAGE_H
#define SF_JS_LANGUAGE_H

#include "../language.h"

extern const struct sf_family javascript_family;
extern const struct sf_language javascript_language;
extern const struct sf_language typescript_language;
extern const struct sf_language tsx_language;

/* The family's hooks for the language server's chunks (chunks.c). */
enum language_tail js_statement_tail(const char *src, TSNode n);
uint32_t js_first_code(const char *t, uint32_t len, uint32_t at,
		       bool *indented);
bool js_continues(enum language_tail tail, const char *t, uint32_t n,
		  bool indented);
bool js_may_reach(const char *t, uint32_t len);

#endif
