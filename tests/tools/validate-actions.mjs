// Validates GitHub Actions files with GitHub's own parser
// (@actions/workflow-parser, as the Actions language service does): each
// argument is "workflow:FILE" or "action:FILE". Prints every error and
// exits 1 on any. Run through validate-actions.sh.
import { readFileSync } from "node:fs";
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow,
} from "@actions/workflow-parser";
import {
  convertActionTemplate,
  parseAction,
} from "@actions/workflow-parser/actions/index";

let failed = 0;
for (const arg of process.argv.slice(2)) {
  const [kind, path] = [arg.slice(0, arg.indexOf(":")), arg.slice(arg.indexOf(":") + 1)];
  const file = { name: path, content: readFileSync(path, "utf8") };
  const trace = new NoOperationTraceWriter();
  const parsed = kind === "action" ? parseAction(file, trace) : parseWorkflow(file, trace);
  if (parsed.value) {
    // Converting checks what the schema cannot (expressions, needs, ...).
    if (kind === "action") convertActionTemplate(parsed.context, parsed.value);
    else await convertWorkflowTemplate(parsed.context, parsed.value);
  }
  const errors = parsed.context.errors.getErrors();
  for (const e of errors) console.log(`${kind}: ${e.message}`);
  if (!parsed.value) console.log(`${kind}: ${path}: nothing parsed`);
  failed += errors.length + (parsed.value ? 0 : 1);
}
process.exit(failed ? 1 : 0);
