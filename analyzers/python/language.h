/*
 * The definitions of the Python family and its language (language.h).
 */
#ifndef SF_PY_LANGUAGE_H
#define SF_PY_LANGUAGE_H

#include "../language.h"

extern const struct sf_family python_family;
extern const struct sf_language python_language;

#endif
