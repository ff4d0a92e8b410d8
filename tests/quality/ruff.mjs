// Runs ruff's ASYNC2xx rules (blocking calls in async functions), from its
// WebAssembly build pinned in package.json, over every .py file under a
// folder that has an `async def`, and prints one JSON object per finding:
// {"path","line","column","code","message"}, paths relative to the folder.
// Usage: node tests/quality/ruff.mjs DIR
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const require = createRequire(import.meta.url);
const { Workspace, PositionEncoding } = require("@astral-sh/ruff-wasm-nodejs");

const root = process.argv[2];
if (!root) {
  console.error("usage: node ruff.mjs DIR");
  process.exit(2);
}
// preview: ASYNC240 (os.path / pathlib in async functions) is a preview rule.
const ws = new Workspace(
  { lint: { select: ["ASYNC2"], preview: true } },
  PositionEncoding.Utf32,
);

function* pyFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* pyFiles(p);
    else if (e.isFile() && e.name.endsWith(".py")) yield p;
  }
}

const CODES = {
  "blocking-http-call-in-async-function": "ASYNC210",
  "blocking-http-call-httpx-in-async-function": "ASYNC212",
  "create-subprocess-in-async-function": "ASYNC220",
  "run-process-in-async-function": "ASYNC221",
  "wait-for-process-in-async-function": "ASYNC222",
  "blocking-open-call-in-async-function": "ASYNC230",
  "blocking-path-method-in-async-function": "ASYNC240",
  "blocking-input-in-async-function": "ASYNC250",
  "blocking-sleep-in-async-function": "ASYNC251",
};

let files = 0;
for (const file of pyFiles(root)) {
  const text = readFileSync(file, "utf8");
  if (!/\basync\s+def\b/.test(text)) continue;
  files++;
  let diags;
  try {
    diags = ws.check(text);
  } catch (err) {
    console.error(`${file}: ruff failed: ${err}`);
    continue;
  }
  // Only ASYNC2 is selected, so every diagnostic is one of those rules;
  // this build names them (kebab-case) rather than numbering them.
  for (const d of diags) {
    console.log(JSON.stringify({
      path: relative(root, file),
      line: d.start_location.row,
      column: d.start_location.column,
      code: CODES[d.code] ?? d.code,
      message: d.message,
    }));
  }
}
console.error(`ruff ${Workspace.version()}: ${files} files with async def`);
