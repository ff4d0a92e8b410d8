/*
 * package.json, as the JavaScript family reads it: the `bin` entries that
 * make files command-line programs.
 */
#include "manifest.h"

#include <json-c/json.h>

#include "../util/vec.h"
#include "../util/xalloc.h"

char **
js_manifest_bins(const char *dir, const char *text, uint32_t len)
{
	json_tokener *tok = json_tokener_new();
	json_object *pkg = json_tokener_parse_ex(tok, text, (int)len);
	json_tokener_free(tok);
	VEC(char *) bins = {0};
	json_object *bin;
	if (pkg != NULL && json_object_object_get_ex(pkg, "bin", &bin)) {
		json_object *one[1] = {bin};
		json_object **vals = one;
		size_t n = 1;
		if (json_object_is_type(bin, json_type_object)) {
			n = (size_t)json_object_object_length(bin);
			vals = xcalloc(n ? n : 1, sizeof *vals);
			size_t k = 0;
			json_object_object_foreach(bin, key, val)
			{
				(void)key;
				vals[k++] = val;
			}
		}
		for (size_t i = 0; i < n; i++) {
			if (!json_object_is_type(vals[i], json_type_string))
				continue;
			const char *p = json_object_get_string(vals[i]);
			while (p[0] == '.' && p[1] == '/')
				p += 2;
			*VEC_PUSH(bins) = dir[0] ? xasprintf("%s/%s", dir, p)
						 : xstrdup(p);
		}
		if (vals != one)
			free(vals);
	}
	json_object_put(pkg);
	*VEC_PUSH(bins) = NULL;
	return bins.v;
}
