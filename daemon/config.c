/*
 * Configuration: finding the file, reading it (JSON or TOML, both into one
 * json-c tree), and validating every key against what stackfit knows.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cache.h"
#include "catalogue.h"
#include "facts.h"
#include "language.h"
#include "rules/rule.h"
#include "toml.h"
#include "util/escape.h"
#include "util/glob.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "workspace.h"

/* Configuration files larger than this are refused. */
#define CONFIG_FILE_MAX (1024u * 1024)
/* JSON nesting allowed in a configuration file. */
#define CONFIG_JSON_DEPTH 32

/* Validation context: which file, and the path of the key being read. */
struct check {
	const char *origin;
	char *error;
};

static int
bad(struct check *k, const char *key, const char *fmt, ...)
{
	if (k->error != NULL)
		return -1;
	struct strbuf b;
	strbuf_init(&b);
	strbuf_printf(&b, "%s: %s: ", k->origin, key);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	k->error = strbuf_detach(&b);
	return -1;
}

static const char *
type_name(json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "a boolean";
	case json_type_double:
	case json_type_int:
		return "a number";
	case json_type_object:
		return "an object";
	case json_type_array:
		return "an array";
	case json_type_string:
		return "a string";
	}
	return "?";
}

static int
read_globs(struct check *k, const char *key, json_object *v, void *vec)
{
	VEC(char *) *out = vec;
	if (!json_object_is_type(v, json_type_array))
		return bad(k, key, "expected an array of glob strings, got %s",
			   type_name(v));
	size_t n = json_object_array_length(v);
	for (size_t i = 0; i < n; i++) {
		json_object *g = json_object_array_get_idx(v, i);
		if (!json_object_is_type(g, json_type_string))
			return bad(k, key,
				   "item %zu: expected a glob string, got %s",
				   i + 1, type_name(g));
		const char *problem = glob_check(json_object_get_string(g));
		if (problem != NULL)
			return bad(k, key, "item %zu (\"%s\"): %s", i + 1,
				   json_object_get_string(g), problem);
		*VEC_PUSH(*out) = xstrdup(json_object_get_string(g));
	}
	return 0;
}

static int
read_rules(struct check *k, json_object *v, struct sf_engine *e)
{
	if (!json_object_is_type(v, json_type_object))
		return bad(
			k, "rules",
			"expected an object of rule ids to severities, got %s",
			type_name(v));
	json_object_object_foreach(v, id, sev)
	{
		char key[128];
		snprintf(key, sizeof key, "rules.%s", id);
		const struct sf_rule *r = rule_find(id);
		if (r == NULL)
			return bad(
				k, key,
				"unknown rule (`stackfit rules` lists them)");
		int s = json_object_is_type(sev, json_type_string)
				? severity_from_name(
					  json_object_get_string(sev))
				: -1;
		if (s < 0)
			return bad(k, key,
				   "expected \"error\", \"warning\", \"info\", "
				   "\"hint\" or \"off\"");
		engine_set_severity(e, r, (enum sf_severity)s);
	}
	return 0;
}

static int
read_blocking(struct check *k, json_object *v, struct sf_engine *e)
{
	if (!json_object_is_type(v, json_type_object))
		return bad(k, "blocking",
			   "expected an object with \"javascript\" and/or "
			   "\"python\" lists, got %s",
			   type_name(v));
	json_object_object_foreach(v, lang_name_, list)
	{
		char key[160];
		snprintf(key, sizeof key, "blocking.%s", lang_name_);
		const struct sf_family *family =
			language_family_named(lang_name_);
		if (family == NULL)
			return bad(k, key,
				   "unknown language (expected javascript or "
				   "python)");
		if (!json_object_is_type(list, json_type_array))
			return bad(k, key,
				   "expected an array of entries, got %s",
				   type_name(list));
		/* Entries become catalogue lines, so one loader checks both
		 * the built-in lists and these. */
		struct strbuf tsv;
		strbuf_init(&tsv);
		size_t n = json_object_array_length(list);
		for (size_t i = 0; i < n; i++) {
			json_object *entry = json_object_array_get_idx(list, i);
			snprintf(key, sizeof key, "blocking.%s[%zu]",
				 lang_name_, i + 1);
			if (!json_object_is_type(entry, json_type_object)) {
				strbuf_finish(&tsv);
				return bad(k, key,
					   "expected {\"name\", \"kind\", "
					   "\"replacement\"}, got %s",
					   type_name(entry));
			}
			const char *field[3] = {"name", "kind", "replacement"};
			const char *val[3] = {NULL, NULL, NULL};
			json_object_object_foreach(entry, fk, fv)
			{
				int which = -1;
				for (int f = 0; f < 3; f++)
					if (strcmp(fk, field[f]) == 0)
						which = f;
				if (which < 0 ||
				    !json_object_is_type(fv,
							 json_type_string) ||
				    strpbrk(json_object_get_string(fv),
					    "\t\n") != NULL) {
					strbuf_finish(&tsv);
					return bad(
						k, key,
						"\"%s\": expected \"name\", "
						"\"kind\" and \"replacement\" "
						"strings",
						fk);
				}
				val[which] = json_object_get_string(fv);
			}
			for (int f = 0; f < 3; f++)
				if (val[f] == NULL) {
					strbuf_finish(&tsv);
					return bad(k, key, "missing \"%s\"",
						   field[f]);
				}
			if (catalogue_kind_from_name(val[1]) < 0) {
				strbuf_finish(&tsv);
				struct strbuf kinds;
				strbuf_init(&kinds);
				for (int q = 0; q < SF_API_KIND_COUNT; q++)
					strbuf_printf(
						&kinds, "%s%s", q ? ", " : "",
						catalogue_kind_name(
							(enum sf_api_kind)q));
				bad(k, key, "unknown kind \"%s\" (one of: %s)",
				    val[1], strbuf_str(&kinds));
				strbuf_finish(&kinds);
				return -1;
			}
			strbuf_printf(&tsv, "%s\t%s\t%s\n", val[0], val[1],
				      val[2]);
		}
		char *cause = NULL;
		snprintf(key, sizeof key, "%s: blocking.%s", k->origin,
			 lang_name_);
		int rc = catalogue_load(engine_catalogue_mut(e), family->id,
					strbuf_str(&tsv), key, &cause);
		strbuf_finish(&tsv);
		if (rc < 0) {
			/* "origin: blocking.python:2: problem" */
			k->error = cause;
			return -1;
		}
	}
	return 0;
}

static int
read_number(struct check *k, const char *key, json_object *v, double min,
	    double max, double *out)
{
	if (!json_object_is_type(v, json_type_int) &&
	    !json_object_is_type(v, json_type_double))
		return bad(k, key, "expected a number, got %s", type_name(v));
	double d = json_object_get_double(v);
	if (!(d >= min && d <= max))
		return bad(k, key,
			   "expected a number from %.15g to %.15g, got %.15g",
			   min, max, d);
	*out = d;
	return 0;
}

static int
read_overrides(struct check *k, json_object *v, struct config *c)
{
	if (!json_object_is_type(v, json_type_array))
		return bad(k, "overrides",
			   "expected an array of {\"files\": [globs], "
			   "\"rules\": {id: severity}}, got %s",
			   type_name(v));
	size_t n = json_object_array_length(v);
	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_array_get_idx(v, i);
		char key[64];
		snprintf(key, sizeof key, "overrides[%zu]", i + 1);
		if (!json_object_is_type(o, json_type_object))
			return bad(k, key,
				   "expected {\"files\": [globs], \"rules\": "
				   "{id: severity}}, got %s",
				   type_name(o));
		struct config_override *ov = VEC_PUSH(c->overrides);
		*ov = (struct config_override){0};
		ov->severity = xmalloc(rule_count);
		memset(ov->severity, -1, rule_count);
		bool files = false;
		json_object_object_foreach(o, ok, ovv)
		{
			char full[160];
			snprintf(full, sizeof full, "%s.%s", key, ok);
			if (strcmp(ok, "files") == 0) {
				files = true;
				if (read_globs(k, full, ovv, &ov->files) < 0)
					return -1;
			} else if (strcmp(ok, "rules") == 0) {
				if (!json_object_is_type(ovv, json_type_object))
					return bad(k, full,
						   "expected an object of rule "
						   "ids to severities, got %s",
						   type_name(ovv));
				json_object_object_foreach(ovv, id, sev)
				{
					char rk[256];
					snprintf(rk, sizeof rk, "%s.%s", full,
						 id);
					const struct sf_rule *r = rule_find(id);
					if (r == NULL)
						return bad(k, rk,
							   "unknown rule "
							   "(`stackfit rules` "
							   "lists them)");
					int s = json_object_is_type(
							sev, json_type_string)
							? severity_from_name(
								  json_object_get_string(
									  sev))
							: -1;
					if (s < 0)
						return bad(
							k, rk,
							"expected \"error\", "
							"\"warning\", "
							"\"info\", \"hint\" "
							"or \"off\"");
					ov->severity[rule_index(r)] = (int8_t)s;
				}
			} else {
				return bad(k, full,
					   "unknown key (expected files and "
					   "rules)");
			}
		}
		if (!files)
			return bad(k, key, "missing \"files\"");
	}
	return 0;
}

/* After validation: the severities "rules" gave, and every rule an
 * override turns on run by the engine (the overrides decide, file by
 * file, what is reported: config_severity). */
static void
enable_overridden(struct config *c, struct sf_engine *e)
{
	if (c->overrides.n == 0)
		return;
	c->base_severity = xmalloc(rule_count);
	for (size_t r = 0; r < rule_count; r++)
		c->base_severity[r] = (int8_t)engine_severity(e, rule_table[r]);
	for (uint32_t i = 0; i < c->overrides.n; i++)
		for (size_t r = 0; r < rule_count; r++) {
			int s = c->overrides.v[i].severity[r];
			if (s >= 0 && s != SF_SEV_OFF &&
			    engine_severity(e, rule_table[r]) == SF_SEV_OFF)
				engine_set_severity(e, rule_table[r],
						    (enum sf_severity)s);
		}
}

static int
validate(struct check *k, json_object *root, struct config *c,
	 struct sf_engine *e)
{
	if (!json_object_is_type(root, json_type_object))
		return bad(k, "(top level)", "expected an object, got %s",
			   type_name(root));
	json_object_object_foreach(root, key, v)
	{
		int rc;
		if (strcmp(key, "rules") == 0) {
			rc = read_rules(k, v, e);
		} else if (strcmp(key, "include") == 0) {
			rc = read_globs(k, key, v, &c->include);
		} else if (strcmp(key, "exclude") == 0) {
			rc = read_globs(k, key, v, &c->exclude);
		} else if (strcmp(key, "cli") == 0) {
			rc = read_globs(k, key, v, &c->cli);
		} else if (strcmp(key, "tests") == 0) {
			rc = read_globs(k, key, v, &c->tests);
		} else if (strcmp(key, "blocking") == 0) {
			rc = read_blocking(k, v, e);
		} else if (strcmp(key, "thresholds") == 0) {
			if (!json_object_is_type(v, json_type_object))
				return bad(k, key, "expected an object, got %s",
					   type_name(v));
			rc = 0;
			json_object_object_foreach(v, tk, tv)
			{
				char full[160];
				snprintf(full, sizeof full, "thresholds.%s",
					 tk);
				if (strcmp(tk, "heavyLoopWork") != 0)
					return bad(k, full,
						   "unknown key (expected "
						   "heavyLoopWork)");
				double d = 0;
				if (read_number(k, full, tv, 1, 1e15, &d) < 0)
					return -1;
				engine_set_heavy_work(e, d);
			}
		} else if (strcmp(key, "reportUnusedIgnores") == 0) {
			if (!json_object_is_type(v, json_type_boolean))
				return bad(k, key,
					   "expected true or false, got %s",
					   type_name(v));
			c->report_unused_ignores = json_object_get_boolean(v);
			rc = 0;
		} else if (strcmp(key, "overrides") == 0) {
			rc = read_overrides(k, v, c);
		} else if (strcmp(key, "maxFileSize") == 0) {
			double d = 0;
			/* Texts are addressed by 32-bit offsets. */
			rc = read_number(k, key, v, 1, WORKSPACE_FILE_MAX, &d);
			if (rc == 0)
				engine_set_max_file_size(e, (uint64_t)d);
		} else {
			return bad(
				k, key,
				"unknown key (expected one of: rules, include, "
				"exclude, cli, tests, blocking, thresholds, "
				"maxFileSize, reportUnusedIgnores, overrides)");
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The 1-based line and column of a byte offset, for syntax errors. */
static void
line_col(const char *text, size_t off, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static json_object *
parse_json(const char *path, const char *text, size_t len, char **cause)
{
	json_tokener *tok = json_tokener_new_ex(CONFIG_JSON_DEPTH);
	/* Standard JSON: no trailing commas or other leniencies. */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	json_object *o = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error err = json_tokener_get_error(tok);
	size_t off = json_tokener_get_parse_end(tok);
	if (o != NULL && err == json_tokener_success) {
		/* Only white space may follow the document. */
		while (off < len && strchr(" \t\r\n", text[off]))
			off++;
		if (off < len) {
			json_object_put(o);
			o = NULL;
			err = json_tokener_error_parse_unexpected;
		}
	} else if (err == json_tokener_continue) {
		err = json_tokener_error_parse_eof;
	}
	json_tokener_free(tok);
	if (o == NULL) {
		unsigned line, col;
		line_col(text, off, &line, &col);
		*cause = xasprintf("%s: line %u, column %u: %s", path, line,
				   col, json_tokener_error_desc(err));
	}
	return o;
}

/* Reads dir/name; 1 with *text when it exists, 0 when it does not, -1 with
 * *cause when it cannot be read. */
static int
slurp(const char *dir, const char *name, char **text, uint32_t *len,
      char **cause)
{
	char *path = xasprintf("%s/%s", dir, name);
	bool exists = access(path, F_OK) == 0;
	free(path);
	if (!exists)
		return 0;
	char *note;
	if (workspace_read_file(dir, name, CONFIG_FILE_MAX, text, len, &note) <
	    0) {
		*cause = xasprintf("%s/%s: %s", dir, name, note);
		free(note);
		return -1;
	}
	return 1;
}

/* The configuration tree in the text of dir/name (one of config_files),
 * NUL-terminated: 1 found (*tree, *origin set), 0 none (a package.json or
 * pyproject.toml without our key or table), -1 error. */
static int
parse_file(const char *dir, const char *name, const char *text, uint32_t len,
	   json_object **tree, char **origin, char **cause)
{
	if (strcmp(name, ".stackfit.json") == 0) {
		*origin = xasprintf("%s/.stackfit.json", dir);
		*tree = parse_json(*origin, text, len, cause);
		if (*tree == NULL) {
			free(*origin);
			*origin = NULL;
			return -1;
		}
		return 1;
	}
	if (strcmp(name, "package.json") == 0) {
		char *path = xasprintf("%s/package.json", dir);
		bool ours = strstr(text, "\"stackfit\"") != NULL;
		json_object *pkg = parse_json(path, text, len, cause);
		if (pkg == NULL && !ours) {
			/* A broken package.json is npm's business, not ours. */
			free(*cause);
			*cause = NULL;
		} else if (pkg == NULL) {
			free(path);
			return -1;
		}
		json_object *mine;
		if (pkg != NULL &&
		    json_object_object_get_ex(pkg, "stackfit", &mine)) {
			*tree = json_object_get(mine);
			*origin = xasprintf("%s (key \"stackfit\")", path);
			json_object_put(pkg);
			free(path);
			return 1;
		}
		json_object_put(pkg);
		free(path);
		return 0;
	}
	char *toml_cause = NULL;
	json_object *doc = toml_parse(text, len, &toml_cause);
	bool ours = strstr(text, "tool.stackfit") != NULL;
	if (doc == NULL) {
		if (!ours) {
			free(toml_cause);
			return 0;
		}
		*cause = xasprintf("%s/pyproject.toml: %s", dir, toml_cause);
		free(toml_cause);
		return -1;
	}
	json_object *tool, *mine;
	if (json_object_object_get_ex(doc, "tool", &tool) &&
	    json_object_object_get_ex(tool, "stackfit", &mine)) {
		*tree = json_object_get(mine);
		*origin = xasprintf("%s/pyproject.toml ([tool.stackfit])", dir);
		json_object_put(doc);
		return 1;
	}
	json_object_put(doc);
	return 0;
}

/* Where a configuration is looked for in a folder, first found first. */
static const char *const config_files[] = {
	".stackfit.json",
	"package.json",
	"pyproject.toml",
};

/* The configuration tree in dir, if any: 1 found (*tree, *origin set), 0
 * none, -1 error. When ws is not NULL, dir is its folder rel (root-relative),
 * and a file ws says cannot be there (workspace_may_hold) is not looked
 * for. */
static int
find_in(const char *dir, const struct workspace *ws, const char *rel,
	json_object **tree, char **origin, char **cause)
{
	for (size_t i = 0; i < sizeof config_files / sizeof *config_files;
	     i++) {
		if (ws != NULL) {
			char *file = rel[0] ? xasprintf("%s/%s", rel,
							config_files[i])
					    : xstrdup(config_files[i]);
			bool may = workspace_may_hold(ws, file);
			free(file);
			if (!may)
				continue;
		}
		char *text;
		uint32_t len;
		int rc = slurp(dir, config_files[i], &text, &len, cause);
		if (rc <= 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		rc = parse_file(dir, config_files[i], text, len, tree, origin,
				cause);
		free(text);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Validates tree (taken) from origin (taken) into c and e. */
static int
apply(struct config *c, json_object *tree, char *origin, struct sf_engine *e,
      char **cause)
{
	c->origin = origin;
	struct check k = {.origin = origin};
	int rc = validate(&k, tree, c, e);
	json_object_put(tree);
	if (rc == 0)
		enable_overridden(c, e);
	if (rc < 0) {
		*cause = k.error;
		config_finish(c);
		return -1;
	}
	return 0;
}

int
config_load_text(struct config *c, const char *name, const char *text,
		 uint32_t len, struct sf_engine *e, char **cause)
{
	*c = (struct config){.engine = e};
	size_t i = 0;
	while (i < sizeof config_files / sizeof *config_files &&
	       strcmp(config_files[i], name) != 0)
		i++;
	if (i == sizeof config_files / sizeof *config_files) {
		*cause = xasprintf("%s: not a configuration file", name);
		return -1;
	}
	/* The parsers want a NUL after the text. */
	char *copy = xmalloc((size_t)len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	json_object *tree = NULL;
	char *origin = NULL;
	int rc = parse_file(".", name, copy, len, &tree, &origin, cause);
	free(copy);
	if (rc <= 0)
		return rc;
	c->base = xstrdup("");
	c->dir = xstrdup("");
	return apply(c, tree, origin, e, cause) < 0 ? -1 : 1;
}

/* Whether the configuration of dir, a folder above the audited root, may
 * be read, as git reasons about safe directories: a folder that others
 * may write to, or that belongs to someone else than this user, root and
 * the owner of the audited folder (owner), may hold anyone's
 * configuration. When it may not and holds one, a note says so. */
static bool
trusted(const char *dir, uid_t owner)
{
	struct stat st;
	if (stat(dir, &st) < 0)
		return false;
	const char *why = NULL;
	if (st.st_mode & S_IWOTH)
		why = "everyone may write to it";
	else if (st.st_uid != geteuid() && st.st_uid != 0 && st.st_uid != owner)
		why = "it belongs to another user";
	if (why == NULL)
		return true;
	for (size_t i = 0; i < sizeof config_files / sizeof *config_files;
	     i++) {
		char *path = xasprintf("%s/%s", dir, config_files[i]);
		bool exists = access(path, F_OK) == 0;
		if (exists)
			escape_note(
				stderr,
				"%s: not read: %s (a configuration is "
				"looked for in the audited folder and the "
				"folders above it that belong to you, to "
				"root or to the audited folder's owner, and "
				"that only their owner may write to)",
				path, why);
		free(path);
		if (exists)
			break;
	}
	return false;
}

int
config_load(struct config *c, const char *root, struct sf_engine *e,
	    char **cause)
{
	*c = (struct config){.engine = e, .dir = xstrdup("")};
	/* The root's package.json is the workspace's own manifest (its
	 * package, bin entries, exports): one that does not parse is an
	 * error, as npm makes it, not a note. */
	char *pkg;
	uint32_t pkg_len;
	int prc = slurp(root, "package.json", &pkg, &pkg_len, cause);
	if (prc > 0) {
		char *path = xasprintf("%s/package.json", root);
		json_object *o = parse_json(path, pkg, pkg_len, cause);
		free(path);
		free(pkg);
		prc = o != NULL ? 0 : -1;
		json_object_put(o);
	}
	if (prc < 0) {
		config_finish(c);
		return -1;
	}
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", root);
	json_object *tree = NULL;
	char *origin = NULL;
	struct stat st;
	uid_t owner = stat(root, &st) == 0 ? st.st_uid : geteuid();
	/* From the root up to the repository's top (a folder with .git) or
	 * the file system's, or to a folder that is not to be trusted. */
	for (;;) {
		if (strcmp(dir, root) != 0 && !trusted(dir, owner))
			return 0;
		int rc = find_in(dir, NULL, NULL, &tree, &origin, cause);
		if (rc < 0) {
			config_finish(c);
			return -1;
		}
		if (rc > 0)
			break;
		char *git = xasprintf("%s/.git", dir);
		bool top = access(git, F_OK) == 0;
		free(git);
		char *slash = strrchr(dir, '/');
		if (top || slash == NULL || slash == dir)
			return 0;
		*slash = '\0';
	}
	size_t n = strlen(dir);
	c->base = root[n] == '/' ? xasprintf("%s/", root + n + 1) : xstrdup("");
	return apply(c, tree, origin, e, cause);
}

static void
free_globs(void *vec)
{
	VEC(char *) *v = vec;
	for (uint32_t i = 0; i < v->n; i++)
		free(v->v[i]);
	VEC_FREE(*v);
}

void
config_finish(struct config *c)
{
	if (c == NULL)
		return;
	for (uint32_t i = 0; i < c->nested.n; i++) {
		config_finish(c->nested.v[i]);
		free(c->nested.v[i]);
	}
	VEC_FREE(c->nested);
	if (c->engine_owned)
		engine_destroy(c->engine);
	free(c->origin);
	free(c->base);
	free(c->dir);
	for (uint32_t i = 0; i < c->overrides.n; i++) {
		free_globs(&c->overrides.v[i].files);
		free(c->overrides.v[i].severity);
	}
	VEC_FREE(c->overrides);
	free(c->base_severity);
	free_globs(&c->include);
	free_globs(&c->exclude);
	free_globs(&c->cli);
	free_globs(&c->tests);
	*c = (struct config){0};
}

static int
cmp_nested(const void *a, const void *b)
{
	return strcmp((*(struct config *const *)a)->dir,
		      (*(struct config *const *)b)->dir);
}

int
config_load_file(struct config *c, const char *root, const char *file,
		 struct sf_engine *e, char **cause)
{
	*c = (struct config){.engine = e, .dir = xstrdup("")};
	char real[PATH_MAX];
	if (realpath(file, real) == NULL) {
		*cause = xasprintf("%s: %s", file, strerror(errno));
		config_finish(c);
		return -1;
	}
	char *slash = strrchr(real, '/');
	char *dir = slash == real ? xstrdup("/")
				  : xstrndup(real, (size_t)(slash - real));
	const char *base = slash + 1;
	/* Which reader: by name, else the .stackfit.json format. */
	const char *as = strcmp(base, "package.json") == 0 ||
					 strcmp(base, "pyproject.toml") == 0
				 ? base
				 : ".stackfit.json";
	char *text;
	uint32_t len;
	json_object *tree = NULL;
	char *origin = NULL;
	int rc = slurp(dir, base, &text, &len, cause);
	if (rc == 0)
		*cause = xasprintf("%s: %s", file, strerror(ENOENT));
	if (rc > 0) {
		rc = parse_file(dir, as, text, len, &tree, &origin, cause);
		free(text);
		if (rc == 0)
			*cause = xasprintf("%s: holds no stackfit "
					   "configuration",
					   real);
		else if (rc > 0 && strcmp(as, base) != 0) {
			/* Named as given, not as .stackfit.json. */
			free(origin);
			origin = xstrdup(real);
		}
	}
	if (rc <= 0) {
		free(dir);
		config_finish(c);
		return -1;
	}
	/* The root's path from the file's folder, when it is above. */
	size_t n = strlen(dir);
	if (strcmp(dir, root) == 0)
		c->base = xstrdup("");
	else if (strcmp(dir, "/") == 0)
		c->base = xasprintf("%s/", root + 1);
	else if (strncmp(root, dir, n) == 0 && root[n] == '/')
		c->base = xasprintf("%s/", root + n + 1);
	else
		c->base = xstrdup("");
	free(dir);
	c->explicit_file = true;
	return apply(c, tree, origin, e, cause);
}

int
config_load_nested(struct config *c, const struct workspace *ws, char **cause)
{
	if (c->explicit_file)
		return 0;
	/* Every folder below the root that holds a file or is above one. */
	struct strmap seen;
	strmap_init(&seen);
	VEC(char *) dirs = {0};
	for (uint32_t i = 0; i < ws->files.n; i++) {
		char *d = xstrdup(ws->files.v[i]);
		for (char *slash = strrchr(d, '/'); slash != NULL;
		     slash = strrchr(d, '/')) {
			*slash = '\0';
			bool found;
			strmap_get(&seen, d, &found);
			if (found)
				break; /* and so were the folders above */
			strmap_put(&seen, d, NULL);
			*VEC_PUSH(dirs) = xstrdup(d);
		}
		free(d);
	}
	strmap_finish(&seen);
	int rc = 0;
	for (uint32_t i = 0; i < dirs.n; i++) {
		char *abs = xasprintf("%s/%s", ws->root, dirs.v[i]);
		json_object *tree = NULL;
		char *origin = NULL;
		int found = rc == 0 ? find_in(abs, ws, dirs.v[i], &tree,
					      &origin, cause)
				    : 0;
		free(abs);
		if (found < 0)
			rc = -1;
		if (found > 0) {
			struct sf_engine *e = engine_create();
			struct config *n = xmalloc(sizeof *n);
			*n = (struct config){
				.engine = e,
				.engine_owned = true,
				.base = xstrdup(""),
				.dir = xasprintf("%s/", dirs.v[i]),
			};
			if (apply(n, tree, origin, e, cause) < 0) {
				free(n); /* and its engine, by config_finish */
				rc = -1;
			} else {
				*VEC_PUSH(c->nested) = n;
			}
		}
		free(dirs.v[i]);
	}
	VEC_FREE(dirs);
	if (c->nested.n > 1)
		qsort(c->nested.v, c->nested.n, sizeof *c->nested.v,
		      cmp_nested);
	if (rc < 0)
		config_finish(c);
	return rc;
}

void
config_install(struct config *c, struct sf_project *pj)
{
	for (uint32_t i = 0; i < c->nested.n; i++) {
		struct config *n = c->nested.v[i];
		if (!n->engine_owned)
			continue;
		/* The folder without its trailing slash. */
		char *dir = xstrndup(n->dir, strlen(n->dir) - 1);
		project_set_engine(pj, dir, n->engine);
		free(dir);
		n->engine_owned = false;
	}
}

const struct config *
config_for(const struct config *c, const char *rel)
{
	/* The longest folder of those sorted that rel is under. */
	const struct config *best = c;
	size_t best_len = 0;
	for (uint32_t i = 0; i < c->nested.n; i++) {
		const struct config *n = c->nested.v[i];
		size_t len = strlen(n->dir);
		if (len > best_len && strncmp(rel, n->dir, len) == 0) {
			best = n;
			best_len = len;
		}
	}
	return best;
}

uint64_t
config_fingerprint(const struct config *c)
{
	uint64_t h = cache_fingerprint(c->engine);
	for (uint32_t i = 0; i < c->nested.n; i++) {
		const struct config *n = c->nested.v[i];
		/* FNV-1a over the folder and the engine's fingerprint. */
		for (const char *p = n->dir; *p; p++)
			h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
		uint64_t f = cache_fingerprint(n->engine);
		for (int b = 0; b < 8; b++)
			h = (h ^ ((f >> (8 * b)) & 0xff)) * 0x100000001b3ull;
	}
	return h;
}

bool
config_any_report_unused(const struct config *c)
{
	bool any = c->report_unused_ignores;
	for (uint32_t i = 0; i < c->nested.n; i++)
		any = any || c->nested.v[i]->report_unused_ignores;
	return any;
}

/* Does any glob of the list match rel (made relative to the config's
 * folder)? */
static bool
any_match(const struct config *c, char *const *globs, uint32_t n,
	  const char *rel)
{
	if (n == 0)
		return false;
	size_t skip = c->dir ? strlen(c->dir) : 0;
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s%s", c->base ? c->base : "", rel + skip);
	for (uint32_t i = 0; i < n; i++)
		if (glob_match(globs[i], path))
			return true;
	return false;
}

bool
config_has_overrides(const struct config *c)
{
	bool any = c->overrides.n > 0;
	for (uint32_t i = 0; i < c->nested.n; i++)
		any = any || c->nested.v[i]->overrides.n > 0;
	return any;
}

int
config_severity(const struct config *root, const char *rel, size_t rule,
		int engine_severity)
{
	const struct config *c = config_for(root, rel);
	if (c->overrides.n == 0)
		return engine_severity;
	int s = c->base_severity ? c->base_severity[rule] : engine_severity;
	for (uint32_t i = 0; i < c->overrides.n; i++) {
		const struct config_override *ov = &c->overrides.v[i];
		if (ov->severity[rule] >= 0 &&
		    any_match(c, ov->files.v, ov->files.n, rel))
			s = ov->severity[rule];
	}
	return s;
}

bool
config_wants(const struct config *root, const char *rel)
{
	const struct config *c = config_for(root, rel);
	if (c->include.n > 0 && !any_match(c, c->include.v, c->include.n, rel))
		return false;
	return !any_match(c, c->exclude.v, c->exclude.n, rel);
}

uint32_t
config_file_flags(const struct config *root, const char *rel)
{
	const struct config *c = config_for(root, rel);
	uint32_t flags = 0;
	if (any_match(c, c->cli.v, c->cli.n, rel))
		flags |= SF_FILE_CLI;
	if (any_match(c, c->tests.v, c->tests.n, rel))
		flags |= SF_FILE_TEST;
	return flags;
}

void
config_apply_workspace(const struct config *c, struct workspace *ws)
{
	uint32_t kept = 0;
	for (uint32_t i = 0; i < ws->files.n; i++) {
		char *rel = ws->files.v[i];
		if (!config_wants(c, rel)) {
			free(rel);
			continue;
		}
		ws->files.v[kept] = rel;
		ws->flags.v[kept] = ws->flags.v[i] | config_file_flags(c, rel);
		kept++;
	}
	ws->files.n = ws->flags.n = kept;
}

int
config_load_workspace(struct config *c, const struct workspace *ws,
		      const char *file, struct sf_engine *e, char **cause)
{
	if ((file != NULL ? config_load_file(c, ws->root, file, e, cause)
			  : config_load(c, ws->root, e, cause)) < 0)
		return -1;
	return config_load_nested(c, ws, cause);
}
