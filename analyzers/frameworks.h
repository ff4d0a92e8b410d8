/*
 * Frameworks: which libraries a component runs on and what they mean for
 * its concurrency (profile.h). Knowledge is data: catalogue/frameworks.tsv,
 * compiled into the binary and loaded once. (Which calls hand work to a
 * thread or a process, and which release the GIL, are the API
 * catalogue's: catalogue/python.tsv.)
 */
#ifndef SF_FRAMEWORKS_H
#define SF_FRAMEWORKS_H

#include <stdbool.h>
#include <stdint.h>

#include "facts.h"

enum fw_role {
	FW_HTTP,     /* request/response server (express, fastify...) */
	FW_REALTIME, /* websockets, SSE, socket.io */
	FW_ASGI,     /* an asyncio server stack */
	FW_WSGI,     /* a thread-per-request stack */
	FW_TASKS,    /* a task queue */
	FW_NATIVE,   /* native code that releases the GIL */
	FW_WORKERS,  /* worker threads for JavaScript */
	/* a server that runs an ASGI app (uvicorn, daphne): an asyncio server
	 * stack too, whatever framework the app is written with */
	FW_ASGI_SERVER,
	FW_ROLE_COUNT,
};

struct fw_entry {
	enum sf_family_id family;
	const char *name; /* "express", "flask-sock" */
	enum fw_role role;
};

/* The framework a module belongs to, by its import name: "express",
 * "flask_sock", "numpy.linalg" (a submodule counts), or NULL. Owned by
 * the table (static for the process). */
const struct fw_entry *frameworks_for_import(enum sf_family_id family,
					     const char *module);
/* The framework of a package as a manifest names it ("Flask-SocketIO",
 * "express"), or NULL. Case and - / _ / . do not matter in a family whose
 * definition folds package names (Python's). */
const struct fw_entry *frameworks_for_package(enum sf_family_id family,
					      const char *package);

const char *frameworks_role_name(enum fw_role role);

#endif
