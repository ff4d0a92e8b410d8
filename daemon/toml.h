/*
 * TOML, read into json-c (see toml.c for the subset).
 */
#ifndef SF_TOML_H
#define SF_TOML_H

#include <stddef.h>

#include <json-c/json.h>

/* Parses len bytes of TOML. Returns the document as a json-c object
 * (owned by the caller: json_object_put), or NULL with *cause set to
 * "line L, column C: problem" (owned by the caller). */
json_object *toml_parse(const char *text, size_t len, char **cause);

#endif
