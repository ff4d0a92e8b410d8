// Lets Node.js 20 import the JSON files that @actions/workflow-parser
// imports without an import attribute (it is written for bundlers).
// Used as: node --import ./json-import.mjs ...
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
import { readFile } from "node:fs/promises";
export async function load(url, context, next) {
  if (url.startsWith("file:") && url.endsWith(".json"))
    return { format: "json", source: await readFile(new URL(url), "utf8"), shortCircuit: true };
  return next(url, context);
}`),
);
