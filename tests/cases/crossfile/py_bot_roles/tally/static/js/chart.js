// Front-end code the bot's web page loads (inside a Python project).
async function draw(ids) {
  for (const id of ids) {
    const r = await fetch(`/scores/${id}`); // ok: browser code
    document.getElementById(id).textContent = await r.text();
  }
}
draw([1, 2]);
