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

#endif
