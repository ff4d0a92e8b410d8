/*
 * Awaits in a loop whose iterations depend on each other, for the
 * await-in-loop hints (JS106, PY205): running them together would change
 * what the program does, so Promise.all / asyncio.gather is no advice.
 * The signs read from facts:
 *
 * - the author said so: an `eslint-disable... no-await-in-loop` comment in
 *   the loop's body;
 * - the awaited call acts on one object through the iterations (an
 *   enclosing loop's element, or a name made in its body: `await
 *   calc.update(beat)`, `await repo.checkout(commit)`) and is not a read;
 * - it gathers into a container made before the loop and passed to every
 *   call of a project function (an order-dependent merge), or is a
 *   recursion that threads its own parameter through (`await walk(child,
 *   seen)`);
 * - it writes the same key every time (`await setSetting("version", i)`);
 * - it runs on one session, connection or transaction passed in
 *   (`await repo.get(id, session)`), which runs one statement at a time;
 * - the loop's body sets a field of `this`/`self` (`this.current =
 *   library`), state the awaited work reads and the next iteration
 *   overwrites;
 * - a keyword argument places the item among the others
 *   (`await channel.edit(position=start + i)`): each move shifts the rest.
 */
#ifndef SF_AWAIT_DEPS_H
#define SF_AWAIT_DEPS_H

#include <stdbool.h>

#include "../facts.h"

/* Why the iterations of the loop around await a (whose call is c) depend
 * on each other, in a few words; NULL when nothing says they do. */
const char *await_dependence(const struct sf_facts *f, const struct sf_await *a,
			     const struct sf_call *c);

/* Is the (last segment of the) name a read: `get`, `findById`, `fetch_all`,
 * `toJSON`...? */
bool await_reads(const char *name);

#endif
