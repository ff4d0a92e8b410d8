/*
 * The stack-fit profile: per component — a folder with a
 * package.json, or a Python project root (pyproject.toml, setup.py,
 * setup.cfg, requirements.txt), or the workspace root for files under no
 * manifest — its language, frameworks, workload shape, concurrency model,
 * and a fit verdict with a 0–100 score and reasons, each linked to the
 * diagnostics that support it.
 *
 * Built in two steps: profile_build reads the solved index (components,
 * frameworks from manifests and imports, workload, CPU hot spots on the
 * request path, thread and process targets, real-time endpoints, the line
 * that shows the stack), which is what the ST rules judge; profile_judge
 * then weighs the final, sorted diagnostics into the verdict.
 */
#ifndef SF_PROFILE_H
#define SF_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "diagnostic.h"
#include "facts.h"
#include "frameworks.h"
#include "index.h"
#include "util/vec.h"

struct sf_family;
struct sf_reqpath;

/* One place that shows something (a hot spot, a real-time endpoint). */
struct profile_spot {
	const char *path; /* owned by the index */
	struct sf_position pos;
	char *what; /* owned */
};

struct profile_reason {
	char *text;
	int weight;          /* points added to (or taken from) the score */
	VEC(uint32_t) diags; /* indexes into the sorted diagnostics */
};

enum profile_verdict {
	PROFILE_GOOD,
	PROFILE_FAIR,
	PROFILE_POOR,
};

struct profile_component {
	char *path; /* folder, "." for the workspace root */
	/* For messages: the package.json name, else the folder's name, else
	 * "the workspace root". */
	char *name;
	char *dir;                      /* the same as a prefix: "" or "svc/" */
	const struct sf_family *family; /* language.h */
	/* A manifest makes it a component, which the
	 * ST rules judge; files under none are profiled together at the
	 * root, but no project-level rule speaks for them. */
	bool has_manifest;
	/* It creates or starts a service (reqpath.h); else a library. */
	bool service;
	VEC(char *) frameworks; /* names, in table order, unique */
	uint32_t roles;         /* 1 << enum fw_role present */

	/* Workload. */
	uint32_t files, functions;
	/* Handlers on the loop (in a library: async functions, event-loop
	 * code). */
	uint32_t async_handlers;
	uint32_t request_handlers; /* registered with a server framework */
	/* Endpoints of an asyncio server framework that are plain `def`s,
	 * which it runs in a thread pool, and `async def`s. */
	uint32_t sync_endpoints, async_endpoints;
	uint32_t cpu_hot_spots; /* heavy loops, tree recursion, CPU APIs */
	uint32_t thread_targets, process_targets;
	uint32_t cpu_bound_threads, io_bound_processes;
	uint32_t realtime_endpoints;
	bool worker_threads; /* JavaScript: work moved to worker_threads */

	/* CPU-heavy work on the request path: in event-loop / async code, or
	 * in a WSGI handler. */
	VEC(struct profile_spot) request_cpu;
	/* CPU-bound callables sent to threads. */
	VEC(struct profile_spot) thread_cpu;
	/* Real-time features (websockets, SSE, socket.io). */
	VEC(struct profile_spot) realtime;

	/* The line that shows the stack: the server framework's import. */
	const char *anchor_path;
	struct sf_position anchor_pos;
	const char *anchor_framework;

	const char *shape; /* "I/O-bound HTTP API"...; static */
	char *concurrency; /* "single event loop + worker threads" */

	/* profile_judge */
	enum profile_verdict verdict;
	int score;
	VEC(struct profile_reason) reasons;
};

struct sf_profile {
	VEC(struct profile_component) components; /* by path */
};

/* Builds the profile of every component the solved index shows, from
 * what is on the request path of the model rp (reqpath.h) of ix: tests,
 * browser code and build tooling make no component, and start-up code and
 * scripts no workload. Owned by the caller (profile_destroy); it points
 * into the index, which must outlive it (rp need not). */
struct sf_profile *profile_build_roles(const struct sf_index *ix,
				       const struct sf_reqpath *rp);
/* The same with a model built for the purpose. */
struct sf_profile *profile_build(const struct sf_index *ix);
/* Weighs the diagnostics (sorted, final: per-file, index and ST rules)
 * into each component's verdict, score and reasons, replacing those of an
 * earlier judgement. */
void profile_judge(struct sf_profile *p, const struct sf_diag_list *diags);
void profile_destroy(struct sf_profile *p);

/* Does a framework of c have role r? */
bool profile_has_role(const struct profile_component *c, enum fw_role r);
/* Adds a reason with no supporting diagnostics to c (printf-style): for
 * the families' architecture hooks (language.h). */
void profile_add_reason(struct profile_component *c, int weight,
			const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The component of this family that a file belongs to, or -1. */
int32_t profile_component_of(const struct sf_profile *p, const char *path,
			     enum sf_family_id family);

const char *profile_verdict_name(enum profile_verdict v);

#endif
