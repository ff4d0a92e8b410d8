/*
 * The definitions of the Python family and its language (language.h).
 */
#ifndef SF_PY_LANGUAGE_H
#define SF_PY_LANGUAGE_H

#include "../language.h"

extern const struct sf_family python_family;
extern const struct sf_language python_language;

/* The family's hooks for the language server's chunks (chunks.c). */
uint32_t py_first_code(const char *t, uint32_t len, uint32_t at,
		       bool *indented);
bool py_continues(enum language_tail tail, const char *t, uint32_t n,
		  bool indented);
bool py_may_reach(const char *t, uint32_t len);

#endif
