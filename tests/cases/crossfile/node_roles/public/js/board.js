// Browser code the service ships to its pages: it never runs in Node.
async function refresh(ids) {
  for (const id of ids) {
    const r = await fetch(`/invoice/${id}`); // ok: browser code
    document.getElementById(id).textContent = await r.text();
  }
}

const EMAIL = /^([a-zA-Z0-9]+)*@example\.com$/; // ok: browser code

window.addEventListener('load', () => refresh([1, 2, 3]));
