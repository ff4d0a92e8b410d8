// Lets a typing animation catch up: the front end's helper, run in the
// browser, not on Node's event loop.
export function settle(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {} // ok: the front end's code
}
