// ruff's cold run over a folder, as the benchmarks time it (bench/daemon.sh):
// its WebAssembly build (the closest to ruff that runs here) lints every .py
// file under DIR with ruff's default rules, as `ruff check DIR` would, and
// prints how many files and findings to stderr. The whole process is timed:
// node's start-up and the module's compilation are ruff's cost here.
// Usage: node bench/peers/ruff.mjs DIR
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const { Workspace, PositionEncoding } = require("@astral-sh/ruff-wasm-nodejs");

const root = process.argv[2];
if (!root) {
  console.error("usage: node ruff.mjs DIR");
  process.exit(2);
}
const ws = new Workspace({}, PositionEncoding.Utf16);
function* pyFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* pyFiles(p);
    else if (e.isFile() && e.name.endsWith(".py")) yield p;
  }
}
let files = 0, findings = 0;
for (const file of pyFiles(root)) {
  files++;
  try {
    findings += ws.check(readFileSync(file, "utf8")).length;
  } catch {
    // A file ruff cannot read is skipped, as the CLI reports and goes on.
  }
}
console.error(`ruff ${Workspace.version()} (wasm): ${files} files, ${findings} findings`);
