/*
 * libFuzzer target on configuration loading: the first byte chooses the
 * file the rest is read as — `.stackfit.json`, `package.json` (its
 * "stackfit" key) or `pyproject.toml` (`[tool.stackfit]`, through the TOML
 * reader) — then the configuration is validated into a fresh engine and
 * its globs are matched against a few paths.
 */
#include <stdint.h>
#include <stdlib.h>

#include "config.h"
#include "engine.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		".stackfit.json",
		"package.json",
		"pyproject.toml",
	};
	static const char *const paths[] = {
		"src/app.js", "a/b/c/d.py", "tools/x.mjs", ".hidden/é.py", "",
	};
	if (size == 0 || size > 1024 * 1024)
		return 0;
	const char *name = names[data[0] % 3];
	struct sf_engine *e = engine_create();
	struct config c;
	char *cause = NULL;
	int rc = config_load_text(&c, name, (const char *)data + 1,
				  (uint32_t)(size - 1), e, &cause);
	if (rc < 0) {
		/* An error always says why. */
		if (cause == NULL || cause[0] == '\0')
			abort();
		free(cause);
	} else {
		for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
			(void)config_wants(&c, paths[i]);
			(void)config_file_flags(&c, paths[i]);
		}
		config_finish(&c);
	}
	engine_destroy(e);
	return 0;
}
