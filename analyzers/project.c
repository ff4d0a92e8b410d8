/*
 * The project (project.h): files and their results, the engines that
 * govern them, the index, and the steps of a solve. Each file keeps its
 * first-pass findings (per-file rules) and, when the index asks for one,
 * its second pass; a solve rebuilds the whole report from them, so that a
 * change to one file costs one file's analysis plus the project-wide
 * steps (index solve, index and project rules, sort), which read
 * summaries only.
 */
#include "project.h"

#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "reqpath.h"
#include "rules/rule.h"
#include "suppression.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/vec.h"
#include "util/xalloc.h"

/* Bytes looked at for a NUL to tell a binary file (as the workspace's
 * reader does). */
#define PROJECT_BINARY_SNIFF 8192

struct pfile {
	char *path;
	uint32_t flags;
	/* The text given (project_update_text), or NULL: read from disk. */
	char *text;
	uint32_t len;
	/* Its size on disk as the listing saw it, plus one; 0 when not
	 * known (the host is asked before the files are ordered). */
	uint64_t size;
	uint64_t gen;  /* the update it is at: a job of another is stale */
	bool queued;   /* its first pass is to run */
	bool analysed; /* read and analysed (first pass) */
	bool indexed;  /* its summary is in the index */
	bool fresh;    /* first pass committed since the last solve */
	char *note;    /* why it was skipped, or NULL */
	struct sf_diag_list first;  /* per-file rules */
	struct sf_diag_list second; /* the same with the index */
	bool has_second;
	/* In the findings of the last solve: items [at, at + count), whose
	 * hash is hash (that of no findings before its first solve). */
	uint32_t at, count;
	uint64_t hash;
};

struct pmanifest {
	char *path;
	char *note; /* why it could not be read, or NULL */
};

struct gone {
	char *path;
	uint64_t hash;
};

struct sf_project {
	struct strmap engines; /* folder -> struct sf_engine * (owned) */
	struct sf_engine *root;
	bool report_unused;

	struct strmap by_path; /* path -> struct pfile * (NULL: removed) */
	VEC(struct pfile *) files;
	bool unsorted; /* files needs sorting (or holds removed ones) */
	uint32_t removed;
	uint64_t gen;
	uint32_t take_from; /* no file before it is queued */

	VEC(struct pmanifest) manifests;
	struct sf_index *index;
	bool index_dirty;
	/* The request-path model of the solved index (reqpath.h). */
	struct sf_reqpath *reqpath;
	/* The findings of the rules that judge files through the index
	 * (engine_check_indexed), of every file, while the index and the
	 * engines stay as they are (indexed_valid). */
	struct sf_diag_list indexed;
	bool indexed_valid;

	/* The last solve. */
	struct sf_diag_list all;
	struct sf_profile *profile;
	VEC(char *) changes;
	/* Files removed since the last solve, with their findings' hash
	 * then: a change unless they come back with the same. */
	VEC(struct gone) gone;
	VEC(char *) notes;
	uint32_t cached, cached_next, rechecked;
};

enum job_pass { JOB_FIRST, JOB_SECOND };

struct project_job {
	enum job_pass pass;
	char *path;
	uint32_t flags;
	char *text; /* a copy of the given text, or NULL */
	uint32_t len;
	uint64_t size; /* pfile's */
	uint64_t gen;
	const struct sf_engine *engine;
	const struct sf_index *index; /* second pass */
	/* Results. */
	struct sf_diag_list diags;
	struct sf_summary *summary;
	char *note;
	bool analysed;
	bool cached;
};

/* A list of jobs (util/vec.h). */
struct project_jobs {
	struct project_job **v;
	uint32_t n, cap;
};

static uint64_t
empty_hash(void)
{
	struct sf_diag_list none = {0};
	return diag_list_hash(&none);
}

/* How the index judges names its types lead to: by the catalogue of the
 * engine of the file's folder. */
static const struct sf_api *
project_api(void *ctx, const char *path, enum sf_lang lang, const char *name)
{
	const struct sf_project *pj = ctx;
	return catalogue_match(engine_catalogue(project_engine(pj, path)), lang,
			       name);
}

struct sf_project *
project_create(struct sf_engine *e)
{
	struct sf_project *pj = xcalloc(1, sizeof *pj);
	strmap_init(&pj->engines);
	strmap_put(&pj->engines, "", e);
	pj->root = e;
	strmap_init(&pj->by_path);
	pj->index = index_create();
	index_set_apis(pj->index, project_api, pj);
	pj->index_dirty = true;
	diag_list_init(&pj->indexed);
	diag_list_init(&pj->all);
	return pj;
}

static void
free_strings(char **v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		free(v[i]);
}

static void
pfile_destroy(struct pfile *f)
{
	if (f == NULL)
		return;
	free(f->path);
	free(f->text);
	free(f->note);
	diag_list_finish(&f->first);
	diag_list_finish(&f->second);
	free(f);
}

void
project_destroy(struct sf_project *pj)
{
	if (pj == NULL)
		return;
	for (uint32_t i = 0; i < pj->engines.cap; i++)
		if (pj->engines.slots[i].key != NULL)
			engine_destroy(pj->engines.slots[i].value);
	strmap_finish(&pj->engines);
	for (uint32_t i = 0; i < pj->files.n; i++)
		pfile_destroy(pj->files.v[i]);
	VEC_FREE(pj->files);
	strmap_finish(&pj->by_path);
	for (uint32_t i = 0; i < pj->manifests.n; i++) {
		free(pj->manifests.v[i].path);
		free(pj->manifests.v[i].note);
	}
	VEC_FREE(pj->manifests);
	reqpath_destroy(pj->reqpath);
	index_destroy(pj->index);
	diag_list_finish(&pj->indexed);
	diag_list_finish(&pj->all);
	profile_destroy(pj->profile);
	free_strings(pj->changes.v, pj->changes.n);
	VEC_FREE(pj->changes);
	for (uint32_t i = 0; i < pj->gone.n; i++)
		free(pj->gone.v[i].path);
	VEC_FREE(pj->gone);
	free_strings(pj->notes.v, pj->notes.n);
	VEC_FREE(pj->notes);
	free(pj);
}

/* --- settings ------------------------------------------------------------ */

const struct sf_engine *
project_engine(const struct sf_project *pj, const char *path)
{
	/* The folders of path, nearest first, then the root. */
	char buf[4096];
	size_t n = strlen(path);
	if (n >= sizeof buf || pj->engines.n == 1)
		return pj->root;
	memcpy(buf, path, n + 1);
	for (char *slash = strrchr(buf, '/'); slash != NULL;
	     slash = strrchr(buf, '/')) {
		*slash = '\0';
		struct sf_engine *e = strmap_get(&pj->engines, buf, NULL);
		if (e != NULL)
			return e;
	}
	return pj->root;
}

static struct pfile *
find(const struct sf_project *pj, const char *path)
{
	return strmap_get(&pj->by_path, path, NULL);
}

static void
queue(struct sf_project *pj, struct pfile *f)
{
	f->gen = ++pj->gen;
	f->queued = true;
	pj->take_from = 0;
}

void
project_set_engine(struct sf_project *pj, const char *dir, struct sf_engine *e)
{
	struct sf_engine *old = strmap_put(&pj->engines, dir, e);
	if (dir[0] == '\0')
		pj->root = e;
	if (old != e)
		engine_destroy(old);
	/* The index judges names by the engines' catalogues (project_api),
	 * and the index rules run under them: a file analysed again may
	 * leave its summary as it was, so the index is told. */
	index_invalidate(pj->index);
	pj->index_dirty = true;
	pj->indexed_valid = false;
	for (uint32_t i = 0; i < pj->files.n; i++) {
		struct pfile *f = pj->files.v[i];
		if (f != NULL && project_engine(pj, f->path) == e)
			queue(pj, f);
	}
}

void
project_set_report_unused(struct sf_project *pj, bool on)
{
	pj->report_unused = on;
}

/* --- files --------------------------------------------------------------- */

static struct pfile *
file_for_update(struct sf_project *pj, const char *path, uint32_t flags)
{
	struct pfile *f = find(pj, path);
	if (f == NULL) {
		f = xcalloc(1, sizeof *f);
		f->path = xstrdup(path);
		f->hash = empty_hash();
		for (uint32_t i = 0; i < pj->gone.n; i++)
			if (strcmp(pj->gone.v[i].path, path) == 0) {
				/* Back: judged against what it had. */
				f->hash = pj->gone.v[i].hash;
				free(pj->gone.v[i].path);
				pj->gone.v[i] = pj->gone.v[--pj->gone.n];
				break;
			}
		diag_list_init(&f->first);
		diag_list_init(&f->second);
		strmap_put(&pj->by_path, path, f);
		const struct pfile *last =
			pj->files.n ? pj->files.v[pj->files.n - 1] : NULL;
		if (pj->files.n > 0 &&
		    (last == NULL || strcmp(last->path, path) > 0))
			pj->unsorted = true;
		*VEC_PUSH(pj->files) = f;
	}
	f->flags = flags;
	free(f->text);
	f->text = NULL;
	f->len = 0;
	f->size = 0;
	queue(pj, f);
	return f;
}

void
project_update_file(struct sf_project *pj, const char *path, uint32_t flags)
{
	file_for_update(pj, path, flags);
}

void
project_update_file_sized(struct sf_project *pj, const char *path,
			  uint32_t flags, uint64_t size)
{
	struct pfile *f = file_for_update(pj, path, flags);
	f->size = size + 1;
}

void
project_update_text(struct sf_project *pj, const char *path, uint32_t flags,
		    const char *text, uint32_t len)
{
	struct pfile *f = file_for_update(pj, path, flags);
	f->text = xmalloc((size_t)len + 1);
	memcpy(f->text, text, len);
	f->text[len] = '\0';
	f->len = len;
}

void
project_remove(struct sf_project *pj, const char *path)
{
	struct pfile *f = find(pj, path);
	if (f == NULL)
		return;
	if (f->hash != empty_hash())
		*VEC_PUSH(pj->gone) =
			(struct gone){.path = xstrdup(path), .hash = f->hash};
	if (f->indexed) {
		index_remove(pj->index, path);
		pj->index_dirty = true;
	}
	strmap_put(&pj->by_path, path, NULL);
	for (uint32_t i = 0; i < pj->files.n; i++)
		if (pj->files.v[i] == f) {
			pj->files.v[i] = NULL;
			break;
		}
	pfile_destroy(f);
	pj->removed++;
	pj->unsorted = true;
}

void
project_add_manifest(struct sf_project *pj, const char *path, const char *text,
		     uint32_t len)
{
	struct pmanifest *m = NULL;
	for (uint32_t i = 0; i < pj->manifests.n && m == NULL; i++)
		if (strcmp(pj->manifests.v[i].path, path) == 0)
			m = &pj->manifests.v[i];
	if (m == NULL) {
		m = VEC_PUSH(pj->manifests);
		m->path = xstrdup(path);
	}
	free(m->note);
	m->note = NULL;
	if (index_add_manifest(pj->index, path, text, len, &m->note) < 0 &&
	    m->note == NULL)
		m->note = xasprintf("%s: cannot be read", path);
	pj->index_dirty = true;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_files(const void *a, const void *b)
{
	const struct pfile *x = *(struct pfile *const *)a;
	const struct pfile *y = *(struct pfile *const *)b;
	return strcmp(x->path, y->path);
}

/* Drops removed files from the list and sorts it by path; the map is
 * made again once it holds more removed files than live ones. */
static void
tidy(struct sf_project *pj)
{
	if (!pj->unsorted)
		return;
	uint32_t n = 0;
	for (uint32_t i = 0; i < pj->files.n; i++)
		if (pj->files.v[i] != NULL)
			pj->files.v[n++] = pj->files.v[i];
	pj->files.n = n;
	if (n > 1)
		qsort(pj->files.v, n, sizeof *pj->files.v, cmp_files);
	if (pj->removed > n) {
		strmap_finish(&pj->by_path);
		strmap_init(&pj->by_path);
		for (uint32_t i = 0; i < n; i++)
			strmap_put(&pj->by_path, pj->files.v[i]->path,
				   pj->files.v[i]);
		pj->removed = 0;
	}
	pj->unsorted = false;
	pj->take_from = 0;
}

/* --- jobs ---------------------------------------------------------------- */

static struct project_job *
job_for(const struct sf_project *pj, const struct pfile *f, enum job_pass pass)
{
	struct project_job *j = xcalloc(1, sizeof *j);
	j->pass = pass;
	j->path = xstrdup(f->path);
	j->flags = f->flags;
	j->size = f->size;
	if (f->text != NULL) {
		j->text = xmalloc((size_t)f->len + 1);
		memcpy(j->text, f->text, (size_t)f->len + 1);
		j->len = f->len;
	}
	j->gen = f->gen;
	j->engine = project_engine(pj, f->path);
	j->index = pass == JOB_SECOND ? pj->index : NULL;
	diag_list_init(&j->diags);
	return j;
}

static void
job_destroy(struct project_job *j)
{
	free(j->path);
	free(j->text);
	diag_list_finish(&j->diags);
	summary_destroy(j->summary);
	free(j->note);
	free(j);
}

struct project_job *
project_take(struct sf_project *pj)
{
	tidy(pj);
	for (; pj->take_from < pj->files.n; pj->take_from++) {
		struct pfile *f = pj->files.v[pj->take_from];
		if (f->queued) {
			f->queued = false;
			return job_for(pj, f, JOB_FIRST);
		}
	}
	return NULL;
}

/* A given text as a file read from disk would be: *text points into it
 * (not owned). Returns 0, or -1 with *note (owned) when it would be
 * skipped. */
static int
given_text(const char *given, uint32_t len, uint64_t max_size, char **note)
{
	if (len > max_size) {
		*note = xasprintf("larger than %llu bytes",
				  (unsigned long long)max_size);
		return -1;
	}
	uint32_t sniff =
		len < PROJECT_BINARY_SNIFF ? len : PROJECT_BINARY_SNIFF;
	if (memchr(given, '\0', sniff) != NULL) {
		*note = xstrdup("binary file");
		return -1;
	}
	return 0;
}

/* The first lone CR (one not followed by LF) in the n bytes at s, or NULL. */
static const char *
lone_cr(const char *s, uint32_t n)
{
	for (const char *p = s; (p = memchr(p, '\r', n - (uint32_t)(p - s)));
	     p++)
		if ((uint32_t)(p - s) + 1 == n || p[1] != '\n')
			return p;
	return NULL;
}

/* A lone CR ends a line in Python (universal newlines), in JavaScript (a
 * line terminator) and in every editor, but tree-sitter counts rows at LF
 * only: the text is analysed with each lone CR read as LF. The length is
 * the same, so every byte offset (spans, fixes) still holds. *text becomes
 * *owned (a copy when it was given). */
static void
lone_cr_to_lf(const char **text, uint32_t len, char **owned)
{
	const char *cr = lone_cr(*text, len);
	if (cr == NULL)
		return;
	if (*owned == NULL) {
		*owned = xmalloc((size_t)len + 1);
		memcpy(*owned, *text, len);
		(*owned)[len] = '\0';
	}
	char *s = *owned;
	for (uint32_t i = (uint32_t)(cr - *text); i < len; i++)
		if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
			s[i] = '\n';
	*text = s;
}

/* The text of path for analysis (given, or read through h), limited to
 * max_size bytes, lone CRs read as LF: 0 with *text (*owned set when the
 * caller must free it) and *len, or -1 with *note. */
static int
source_text(const char *path, const char *given, uint32_t given_len,
	    const struct project_host *h, uint64_t max_size, const char **text,
	    uint32_t *len, char **owned, char **note)
{
	*owned = NULL;
	if (given != NULL) {
		if (given_text(given, given_len, max_size, note) < 0)
			return -1;
		*text = given;
		*len = given_len;
	} else if (h == NULL || h->read == NULL) {
		*note = xstrdup("no text given, and no way to read files");
		return -1;
	} else {
		if (h->read(h->ctx, path, max_size, owned, len, note) < 0)
			return -1;
		*text = *owned;
	}
	lone_cr_to_lf(text, *len, owned);
	return 0;
}

void
project_run(struct project_job *j, struct sf_parser *p,
	    const struct project_host *h)
{
	const char *text;
	uint32_t len;
	char *owned;
	if (source_text(j->path, j->text, j->len, h,
			engine_max_file_size(j->engine), &text, &len, &owned,
			&j->note) < 0)
		return;
	bool cacheable = j->pass == JOB_FIRST && h != NULL && h->load != NULL;
	struct project_key key = {
		.engine = j->engine,
		.path = j->path,
		.len = len,
		.flags = j->flags,
		.text = text,
	};
	if (cacheable) {
		key.hash = summary_hash_text(text, len);
		if (h->load(h->ctx, &key, &j->diags, &j->summary)) {
			j->analysed = j->cached = true;
			free(owned);
			return;
		}
	}
	struct sf_source src = {
		.path = j->path,
		.text = text,
		.len = len,
		.flags = j->flags,
		.index = j->index,
	};
	struct sf_facts *f = engine_check_source(j->engine, p, &src, &j->diags);
	if (f == NULL && parser_gave_up(p) && j->note == NULL)
		j->note = xasprintf(
			"tree-sitter's error recovery gave up on it "
			"(more than %u steps per KiB; a text it cannot parse "
			"in reasonable time)",
			PARSE_CHECKS_PER_KIB * 100);
	/* A file that does not parse says so (not in the language server's
	 * documents, whose editors show syntax errors themselves). */
	if (f != NULL && (f->flags & (SF_FILE_HAS_ERRORS | SF_FILE_IGNORED)) ==
				 SF_FILE_HAS_ERRORS)
		engine_report_syntax_error(f, text, len, &j->diags);
	j->analysed = f != NULL;
	if (f != NULL && j->pass == JOB_FIRST) {
		j->summary = engine_summarise(j->engine, f, text, len);
		if (cacheable && h->store != NULL)
			h->store(h->ctx, &key, &j->diags, j->summary);
	}
	if (f == NULL)
		diag_list_finish(&j->diags);
	facts_destroy(f);
	free(owned);
}

static void
commit_first(struct sf_project *pj, struct pfile *f, struct project_job *j)
{
	free(f->note);
	f->note = j->note;
	j->note = NULL;
	f->analysed = j->analysed;
	diag_list_finish(&f->first);
	f->first = j->diags;
	diag_list_init(&j->diags);
	diag_list_finish(&f->second);
	diag_list_init(&f->second);
	f->has_second = false;
	f->fresh = true;
	if (j->summary != NULL) {
		/* A summary like the one before leaves the index as solved. */
		if (index_put(pj->index, j->summary))
			pj->index_dirty = true;
		j->summary = NULL;
		f->indexed = true;
	} else if (f->indexed) {
		index_remove(pj->index, f->path);
		f->indexed = false;
		pj->index_dirty = true;
	}
	pj->cached_next += j->cached;
}

static void
commit_second(struct pfile *f, struct project_job *j)
{
	if (j->note != NULL) {
		/* Unreadable since its first pass: that pass stands. */
		free(f->note);
		f->note = j->note;
		j->note = NULL;
	} else if (j->analysed) {
		diag_list_finish(&f->second);
		f->second = j->diags;
		diag_list_init(&j->diags);
		f->has_second = true;
	}
}

void
project_commit(struct sf_project *pj, struct project_job *j)
{
	struct pfile *f = find(pj, j->path);
	if (f != NULL && f->gen == j->gen) {
		if (j->pass == JOB_FIRST)
			commit_first(pj, f, j);
		else
			commit_second(f, j);
	}
	job_destroy(j);
}

/* --- the solve ----------------------------------------------------------- */

struct batch {
	struct project_job **jobs;
	const struct project_host *host;
	uint64_t *sizes; /* sizing: per job */
	uint32_t n, slices;
};

static void
run_one(void *arg, struct sf_parser *p, uint32_t i)
{
	struct batch *b = arg;
	project_run(b->jobs[i], p, b->host);
}

/* Slices of the jobs whose files are sized by one task. */
#define PROJECT_SIZE_SLICES 64

/* The job's size: its text's, the listing's, or the host's answer. */
static uint64_t
job_size(const struct project_host *h, const struct project_job *j)
{
	if (j->text != NULL)
		return j->len;
	return j->size > 0 ? j->size - 1 : h->size(h->ctx, j->path);
}

static void
size_slice(void *arg, struct sf_parser *p, uint32_t k)
{
	(void)p;
	struct batch *b = arg;
	uint32_t from = (uint32_t)((uint64_t)b->n * k / b->slices);
	uint32_t to = (uint32_t)((uint64_t)b->n * (k + 1) / b->slices);
	for (uint32_t i = from; i < to; i++)
		b->sizes[i] = job_size(b->host, b->jobs[i]);
}

struct sized {
	uint64_t size;
	uint32_t at;
};

static int
cmp_sized(const void *a, const void *b)
{
	const struct sized *x = a, *y = b;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* The jobs largest file first (ties in path order), the sizes no update
 * gave taken on h's threads; a new array. */
static struct project_job **
largest_first(const struct project_host *h, struct project_job **jobs,
	      uint32_t n)
{
	struct batch b = {jobs, h, xmalloc(n * sizeof *b.sizes), n,
			  n < PROJECT_SIZE_SLICES ? 1 : PROJECT_SIZE_SLICES};
	/* The host's threads only for sizes the listing did not give: a
	 * look at each file (a workspace listed by git has looked). */
	bool known = true;
	for (uint32_t i = 0; known && i < n; i++)
		known = jobs[i]->text != NULL || jobs[i]->size > 0;
	if (known)
		for (uint32_t i = 0; i < n; i++)
			b.sizes[i] = job_size(h, jobs[i]);
	else
		h->map(h->ctx, NULL, b.slices, size_slice, &b);
	struct sized *by = xmalloc(n * sizeof *by);
	for (uint32_t i = 0; i < n; i++)
		by[i] = (struct sized){b.sizes[i], i};
	qsort(by, n, sizeof *by, cmp_sized);
	struct project_job **order = xmalloc(n * sizeof *order);
	for (uint32_t i = 0; i < n; i++)
		order[i] = jobs[by[i].at];
	free(by);
	free(b.sizes);
	return order;
}

/* Runs the n jobs through h's map (or here) and commits them in order. */
static void
run_jobs(struct sf_project *pj, const struct project_host *h, const char *what,
	 struct project_job **jobs, uint32_t n)
{
	if (n == 0)
		return;
	struct batch b = {jobs, h, NULL, 0, 0};
	if (h != NULL && h->map != NULL) {
		/* A large file taken last leaves the other threads idle. */
		struct project_job **order = h->size != NULL && n > 1
						     ? largest_first(h, jobs, n)
						     : NULL;
		if (order != NULL)
			b.jobs = order;
		h->map(h->ctx, what, n, run_one, &b);
		free(order);
	} else {
		struct sf_parser *p = parser_create();
		for (uint32_t i = 0; i < n; i++)
			run_one(&b, p, i);
		parser_destroy(p);
	}
	for (uint32_t i = 0; i < n; i++)
		project_commit(pj, jobs[i]);
}

static bool
listed(const struct index_changes *c, const char *path)
{
	uint32_t lo = 0, hi = c->paths.n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int k = strcmp(c->paths.v[mid], path);
		if (k == 0)
			return true;
		if (k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* The second pass's jobs: files whose per-file rules need the index run
 * them again with it when their first pass is new or their cross-file
 * results changed; files that no longer need it lose it here. */
static void
second_jobs(struct sf_project *pj, const struct index_changes *changed,
	    struct project_jobs *jobs)
{
	for (uint32_t i = 0; i < pj->files.n; i++) {
		struct pfile *f = pj->files.v[i];
		bool need =
			f->analysed && index_needs_recheck(pj->index, f->path);
		if (!need) {
			if (f->has_second) {
				diag_list_finish(&f->second);
				diag_list_init(&f->second);
				f->has_second = false;
			}
			continue;
		}
		if (f->fresh || !f->has_second || listed(changed, f->path))
			*VEC_PUSH(*jobs) = job_for(pj, f, JOB_SECOND);
	}
}

/* Files whose index rules one task of after_solve runs. */
#define PROJECT_INDEXED_SLICES 64

/* What reads the solved index and nothing that another of them writes,
 * run at once on the host's threads: the request-path model and the
 * profile made from it, the second pass and the index rules
 * (engine_check_indexed), each file's findings into its slice's list.
 * Task 0 is the model and the profile (the longest), then the jobs,
 * largest first, then the slices. */
struct after_solve {
	struct sf_project *pj;
	const struct project_host *h;
	bool build_reqpath;
	struct sf_reqpath *reqpath; /* built */
	struct sf_profile *profile; /* built */
	struct project_job **jobs;
	uint32_t njobs;
	struct sf_diag_list *indexed; /* per slice */
	bool *ran;                    /* per slice: its task ran */
	uint32_t nfiles, slices;
};

static void
after_solve_task(void *arg, struct sf_parser *p, uint32_t k)
{
	struct after_solve *a = arg;
	if (a->build_reqpath && k-- == 0) {
		a->reqpath = reqpath_build(a->pj->index);
		a->profile = profile_build_roles(a->pj->index, a->reqpath);
		return;
	}
	if (k < a->njobs) {
		project_run(a->jobs[k], p, a->h);
		return;
	}
	k -= a->njobs;
	const struct sf_index *ix = a->pj->index;
	uint32_t from = (uint32_t)((uint64_t)a->nfiles * k / a->slices);
	uint32_t to = (uint32_t)((uint64_t)a->nfiles * (k + 1) / a->slices);
	for (uint32_t i = from; i < to; i++) {
		const char *path = index_file(ix, i)->path;
		engine_check_indexed_file(project_engine(a->pj, path), ix, i,
					  &a->indexed[k]);
	}
	a->ran[k] = true;
}

/* After the index is solved (solved) or left as it was: the second pass
 * (committed here), and when solved the request-path model, the profile
 * and, unless still valid, the index rules' findings (pj->indexed), on
 * h's threads when it has them. */
static void
after_solve(struct sf_project *pj, const struct project_host *h, bool solved,
	    const struct index_changes *changed)
{
	struct project_jobs jobs = {0};
	second_jobs(pj, changed, &jobs);
	pj->rechecked = jobs.n;
	bool threads = h != NULL && h->map != NULL;
	struct project_job **order = threads && h->size != NULL && jobs.n > 1
					     ? largest_first(h, jobs.v, jobs.n)
					     : NULL;
	bool indexed = solved || !pj->indexed_valid;
	uint32_t nfiles = index_file_count(pj->index);
	uint32_t slices = !indexed ? 0
			  : nfiles < PROJECT_INDEXED_SLICES
				  ? (nfiles ? 1 : 0)
				  : PROJECT_INDEXED_SLICES;
	struct after_solve a = {
		.pj = pj,
		.h = h,
		.build_reqpath = solved,
		.jobs = order != NULL ? order : jobs.v,
		.njobs = jobs.n,
		.indexed = xcalloc(slices ? slices : 1, sizeof *a.indexed),
		.ran = xcalloc(slices ? slices : 1, sizeof *a.ran),
		.nfiles = nfiles,
		.slices = slices,
	};
	for (uint32_t k = 0; k < slices; k++)
		diag_list_init(&a.indexed[k]);
	uint32_t n = (solved ? 1 : 0) + jobs.n + slices;
	if (threads && n > 0) {
		h->map(h->ctx, jobs.n ? "checking across files" : NULL, n,
		       after_solve_task, &a);
	} else if (n > 0) {
		struct sf_parser *p = jobs.n ? parser_create() : NULL;
		for (uint32_t k = 0; k < n; k++)
			after_solve_task(&a, p, k);
		parser_destroy(p);
	}
	/* A map may leave tasks out (the language server's, when it stops):
	 * the model, the profile and the index rules are made all the same,
	 * here, as they were before they ran on the map. */
	if (solved && a.reqpath == NULL)
		after_solve_task(&a, NULL, 0);
	for (uint32_t k = 0; k < slices; k++)
		if (!a.ran[k])
			after_solve_task(&a, NULL,
					 (solved ? 1 : 0) + jobs.n + k);
	free(order);
	for (uint32_t i = 0; i < jobs.n; i++)
		project_commit(pj, jobs.v[i]);
	VEC_FREE(jobs);
	if (solved) {
		reqpath_destroy(pj->reqpath);
		pj->reqpath = a.reqpath;
		profile_destroy(pj->profile);
		pj->profile = a.profile;
	}
	if (indexed) {
		diag_list_finish(&pj->indexed);
		diag_list_init(&pj->indexed);
		for (uint32_t k = 0; k < slices; k++)
			diag_list_move(&pj->indexed, &a.indexed[k]);
		pj->indexed_valid = true;
	}
	for (uint32_t k = 0; k < slices; k++)
		diag_list_finish(&a.indexed[k]);
	free(a.indexed);
	free(a.ran);
}

/* Fills the code frames of findings made from summaries (index and
 * project rules), which had no text at hand: each file is read once (l
 * is sorted by path), the files one task each of h's map when it has
 * one. */
struct locate {
	const struct sf_project *pj;
	const struct project_host *h;
	struct sf_diag_list *l;
	/* Per task, its file's findings: [from, to) of l. */
	uint32_t *from, *to;
};

static void
locate_file(void *arg, struct sf_parser *p, uint32_t k)
{
	(void)p;
	const struct locate *t = arg;
	struct sf_diagnostic *v = t->l->items.v;
	const char *path = v[t->from[k]].path;
	const struct pfile *f = find(t->pj, path);
	const char *text = NULL;
	char *owned = NULL, *note = NULL;
	uint32_t len = 0;
	bool ok = source_text(path, f ? f->text : NULL, f ? f->len : 0, t->h,
			      engine_max_file_size(project_engine(t->pj, path)),
			      &text, &len, &owned, &note) == 0;
	free(note);
	struct diag_cursor c = {0};
	for (uint32_t i = t->from[k]; ok && i < t->to[k]; i++)
		if (v[i].line_text == NULL)
			rule_locate_line_at(&v[i], text, len, &c);
	free(owned);
}

static void
locate_lines(const struct sf_project *pj, const struct project_host *h,
	     struct sf_diag_list *l)
{
	uint32_t nd = l->items.n;
	struct locate t = {pj, h, l, xmalloc((nd ? nd : 1) * sizeof *t.from),
			   xmalloc((nd ? nd : 1) * sizeof *t.to)};
	uint32_t n = 0;
	for (uint32_t i = 0; i < nd;) {
		/* The findings of one file. */
		uint32_t e = i + 1;
		bool any = l->items.v[i].line_text == NULL;
		while (e < nd &&
		       strcmp(l->items.v[e].path, l->items.v[i].path) == 0)
			any |= l->items.v[e++].line_text == NULL;
		if (any) {
			t.from[n] = i;
			t.to[n++] = e;
		}
		i = e;
	}
	if (h != NULL && h->map != NULL && n > 1)
		h->map(h->ctx, NULL, n, locate_file, &t);
	else
		for (uint32_t k = 0; k < n; k++)
			locate_file(&t, NULL, k);
	free(t.from);
	free(t.to);
}

/* Where each file's findings are in pj->all, and which files' findings
 * differ from the last solve's. */
static void
record_changes(struct sf_project *pj)
{
	free_strings(pj->changes.v, pj->changes.n);
	pj->changes.n = 0;
	const struct sf_diag_list *all = &pj->all;
	uint32_t at = 0;
	for (uint32_t i = 0; i < pj->files.n; i++) {
		struct pfile *f = pj->files.v[i];
		/* Both lists are in path order. */
		while (at < all->items.n &&
		       strcmp(all->items.v[at].path, f->path) < 0)
			at++;
		uint32_t end = at;
		while (end < all->items.n &&
		       strcmp(all->items.v[end].path, f->path) == 0)
			end++;
		struct sf_diag_list view = {0};
		view.items.v = end > at ? all->items.v + at : NULL;
		view.items.n = end - at;
		uint64_t hash = diag_list_hash(&view);
		if (hash != f->hash)
			*VEC_PUSH(pj->changes) = xstrdup(f->path);
		f->at = at;
		f->count = end - at;
		f->hash = hash;
		at = end;
	}
	for (uint32_t i = 0; i < pj->gone.n; i++)
		*VEC_PUSH(pj->changes) = pj->gone.v[i].path;
	pj->gone.n = 0;
	if (pj->changes.n > 1)
		qsort(pj->changes.v, pj->changes.n, sizeof *pj->changes.v,
		      cmp_str);
}

/* The text a file was given as (suppression_text_fn): its unused
 * suppressions get fixes. */
static const char *
text_held(void *ctx, const char *path, uint32_t *len)
{
	const struct pfile *f = find(ctx, path);
	if (f == NULL || f->text == NULL)
		return NULL;
	*len = f->len;
	return f->text;
}

/* The project rules, each finding under the engine of the file it is
 * anchored at (a folder's configuration may turn ST301 off for its
 * component). */
static void
check_project(struct sf_project *pj, struct sf_diag_list *l)
{
	if (pj->engines.n == 1) {
		engine_check_project(pj->root, pj->index, pj->profile, l);
		return;
	}
	for (uint32_t i = 0; i < pj->engines.cap; i++) {
		const struct sf_engine *e = pj->engines.slots[i].value;
		if (pj->engines.slots[i].key == NULL || e == NULL)
			continue;
		struct sf_diag_list t;
		diag_list_init(&t);
		engine_check_project(e, pj->index, pj->profile, &t);
		struct sf_diag_list mine;
		diag_list_init(&mine);
		for (uint32_t k = 0; k < t.items.n; k++) {
			struct sf_diagnostic *d = &t.items.v[k];
			if (project_engine(pj, d->path) == e) {
				*VEC_PUSH(mine.items) = *d;
				*d = (struct sf_diagnostic){0};
			}
		}
		for (uint32_t k = 0; k < t.silenced.n; k++) {
			struct sf_silenced *r = &t.silenced.v[k];
			if (project_engine(pj, r->path) == e) {
				*VEC_PUSH(mine.silenced) = *r;
				r->path = NULL;
			}
		}
		diag_list_move(l, &mine);
		diag_list_finish(&mine);
		diag_list_finish(&t);
	}
}

/* Is a finding of rule, in a function of this role, worth reporting
 * (rule.h's enum rule_path)? */
static bool
worth_reporting(const struct sf_rule *rule, enum reqpath_role role,
		enum reqpath_role file_role)
{
	if (file_role == REQPATH_TEST || file_role == REQPATH_BROWSER ||
	    file_role == REQPATH_BUILD)
		return false;
	switch (rule->path) {
	case RULE_PATH_ANYWHERE:
		return true;
	case RULE_PATH_SERVICE:
		return file_role == REQPATH_HANDLER ||
		       file_role == REQPATH_LIBRARY;
	case RULE_PATH_REQUEST:
		break;
	}
	/* Unknown: no handler, start-up code or script the index can see
	 * reaches it. On real services most of it is code reached through
	 * calls no name resolution follows (a plugin's `execute` called
	 * from a registry, a controller called from a route table built at
	 * run time), and what it finds there is as often right as on the
	 * request path: it is reported, as in a library. */
	return role == REQPATH_LIBRARY || role == REQPATH_HANDLER ||
	       role == REQPATH_REACHED || role == REQPATH_UNKNOWN;
}

/* Steps named in a message; the related locations list them all. */
#define PROJECT_CHAIN_STEPS 4

/* Names in d's message the handler that reaches its function, and the
 * way there, and puts the way first among its related locations. */
static void
tell_request_path(struct sf_diagnostic *d, const struct reqpath_chain *c)
{
	struct strbuf b;
	strbuf_init(&b);
	strbuf_printf(&b, "%s; reached from handler %s (%s:%u)", d->message,
		      c->handler, c->handler_path, c->handler_pos.line);
	for (uint32_t i = 0; i < c->steps.n; i++) {
		bool cut = c->steps.n > PROJECT_CHAIN_STEPS &&
			   i >= PROJECT_CHAIN_STEPS - 2 && i + 1 < c->steps.n;
		if (cut && i == PROJECT_CHAIN_STEPS - 2)
			strbuf_puts(&b, " → …");
		if (!cut)
			strbuf_printf(&b, " → %s", c->steps.v[i]);
	}
	free(d->message);
	d->message = strbuf_detach(&b);
	struct sf_diagnostic with = {0};
	for (uint32_t i = 0; i < c->hops.n; i++)
		diag_add_related(&with, c->hops.v[i].path, c->hops.v[i].pos,
				 c->hops.v[i].message);
	for (uint32_t i = 0; i < d->related.n; i++)
		*VEC_PUSH(with.related) = d->related.v[i];
	VEC_FREE(d->related);
	d->related = with.related;
}

/* The request path (reqpath.h): drops the findings of l whose code the
 * service does not run while it serves (rule.h's enum rule_path), and
 * names the chain from the handler in those reached from one. Findings
 * of the project rules and of files outside the index stay as they
 * are. */
static void
filter_request_path(const struct sf_project *pj, struct sf_diag_list *l)
{
	const struct sf_index *ix = pj->index;
	const struct sf_reqpath *rp = pj->reqpath;
	uint32_t kept = 0;
	for (uint32_t i = 0; i < l->items.n; i++) {
		struct sf_diagnostic *d = &l->items.v[i];
		const struct sf_rule *rule = rule_find(d->rule_id);
		int32_t file = index_file_id(ix, d->path);
		bool keep = true;
		if (rule != NULL && rule->scope == RULE_SCOPE_FILE &&
		    file >= 0) {
			int32_t fn = reqpath_function_at(rp, (uint32_t)file,
							 d->start);
			enum reqpath_role role =
				reqpath_role(rp, (uint32_t)file, fn);
			keep = worth_reporting(
				       rule, role,
				       reqpath_file_role(rp, (uint32_t)file)) &&
			       !reqpath_dev_only(rp, (uint32_t)file, d->start);
			struct reqpath_chain c;
			if (keep && role == REQPATH_REACHED &&
			    rule->path == RULE_PATH_REQUEST &&
			    reqpath_chain(rp, (uint32_t)file, fn, &c)) {
				tell_request_path(d, &c);
				reqpath_chain_finish(&c);
			}
		}
		/* A file whose code is not analysed as the service's (a
		 * test, browser code, build tooling) is not reported for
		 * syntax stackfit's grammars do not know (JSX in .js,
		 * decorators, a template): its analysis is not missed.
		 * Conflict markers are reported everywhere. */
		if (rule == NULL && file >= 0 &&
		    strcmp(d->rule_id, ENGINE_SYNTAX_RULE) == 0 &&
		    !engine_syntax_error_is_conflict(d)) {
			enum reqpath_role fr =
				reqpath_file_role(rp, (uint32_t)file);
			keep = fr != REQPATH_TEST && fr != REQPATH_BROWSER &&
			       fr != REQPATH_BUILD;
		}
		if (keep)
			l->items.v[kept++] = *d;
		else
			diag_finish(d);
	}
	l->items.n = kept;
}

/* Everything after the passes: the report of the solved project. When
 * the index was solved again, after_solve made the profile and the index
 * rules' findings again; else those of the last solve stand, since they
 * are made from the index and the engines alone. */
static void
finish(struct sf_project *pj, const struct project_host *h)
{
	struct sf_diag_list l;
	diag_list_init(&l);
	/* In the order the report was always made in, so that findings the
	 * sort cannot tell apart stay where they were: each file's own,
	 * then the index's, the project rules' and the unused
	 * suppressions'. */
	for (uint32_t i = 0; i < pj->files.n; i++) {
		const struct pfile *f = pj->files.v[i];
		diag_list_copy(&l, f->has_second ? &f->second : &f->first);
	}
	const struct sf_index *ix = pj->index;
	diag_list_copy(&l, &pj->indexed);
	filter_request_path(pj, &l);
	check_project(pj, &l);
	/* Every pass has recorded what it silenced by now. */
	if (pj->report_unused)
		suppression_report_unused(pj->root, ix, &l, text_held, pj);
	diag_list_sort(&l);
	locate_lines(pj, h, &l);
	/* Findings made from summaries had no byte offsets to be sorted by
	 * until now: sort again, so that a file's findings are in the order
	 * of its text. */
	diag_list_sort(&l);
	profile_judge(pj->profile, &l);
	diag_list_finish(&pj->all);
	pj->all = l;
	record_changes(pj);

	free_strings(pj->notes.v, pj->notes.n);
	pj->notes.n = 0;
	for (uint32_t i = 0; i < pj->manifests.n; i++)
		if (pj->manifests.v[i].note != NULL)
			*VEC_PUSH(pj->notes) = xstrdup(pj->manifests.v[i].note);
	for (uint32_t i = 0; i < pj->files.n; i++)
		if (pj->files.v[i]->note != NULL)
			*VEC_PUSH(pj->notes) = xasprintf("%s: skipped: %s",
							 pj->files.v[i]->path,
							 pj->files.v[i]->note);
}

/* index_solve's tasks on the host's threads. */
struct index_tasks {
	void (*fn)(void *arg, uint32_t k);
	void *arg;
};

static void
index_task(void *arg, struct sf_parser *p, uint32_t k)
{
	(void)p;
	const struct index_tasks *t = arg;
	t->fn(t->arg, k);
}

static void
index_map_host(void *ctx, uint32_t n, void (*fn)(void *arg, uint32_t k),
	       void *arg)
{
	const struct project_host *h = ctx;
	struct index_tasks t = {fn, arg};
	h->map(h->ctx, NULL, n, index_task, &t);
}

void
project_solve(struct sf_project *pj, const struct project_host *h)
{
	tidy(pj);
	VEC(struct project_job *) jobs = {0};
	for (struct project_job *j; (j = project_take(pj)) != NULL;)
		*VEC_PUSH(jobs) = j;
	run_jobs(pj, h, "analysing", jobs.v, jobs.n);
	VEC_FREE(jobs);
	pj->cached = pj->cached_next;
	pj->cached_next = 0;

	struct index_changes changed = {0};
	bool solved = pj->index_dirty || pj->reqpath == NULL;
	if (solved) {
		struct index_map m = {(void *)h, index_map_host};
		index_solve(pj->index, &changed,
			    h != NULL && h->map != NULL ? &m : NULL);
		pj->index_dirty = false;
	}
	after_solve(pj, h, solved, &changed);
	index_changes_finish(&changed);
	finish(pj, h);
	for (uint32_t i = 0; i < pj->files.n; i++)
		pj->files.v[i]->fresh = false;
}

/* --- results ------------------------------------------------------------- */

const struct sf_diag_list *
project_findings(const struct sf_project *pj)
{
	return &pj->all;
}

const struct sf_diagnostic *
project_file_findings(const struct sf_project *pj, const char *path,
		      uint32_t *n)
{
	const struct pfile *f = find(pj, path);
	*n = 0;
	if (f == NULL || f->count == 0 || f->at + f->count > pj->all.items.n)
		return NULL;
	*n = f->count;
	return pj->all.items.v + f->at;
}

const char *const *
project_changes(const struct sf_project *pj, uint32_t *n)
{
	*n = pj->changes.n;
	return (const char *const *)pj->changes.v;
}

const char *const *
project_notes(const struct sf_project *pj, uint32_t *n)
{
	*n = pj->notes.n;
	return (const char *const *)pj->notes.v;
}

const char *
project_file_note(const struct sf_project *pj, const char *path)
{
	const struct pfile *f = find(pj, path);
	return f ? f->note : NULL;
}

const struct sf_profile *
project_profile(const struct sf_project *pj)
{
	return pj->profile;
}

const struct sf_index *
project_index(const struct sf_project *pj)
{
	return pj->index;
}

const struct sf_reqpath *
project_reqpath(const struct sf_project *pj)
{
	return pj->reqpath;
}

void
project_stats(const struct sf_project *pj, struct project_stats *out)
{
	*out = (struct project_stats){
		.cached = pj->cached,
		.rechecked = pj->rechecked,
	};
	for (uint32_t i = 0; i < pj->files.n; i++) {
		const struct pfile *f = pj->files.v[i];
		if (f == NULL)
			continue;
		out->files++;
		out->analysed += f->analysed;
	}
}
