'use strict';
// Fix all in a file from the server's quick fixes, for a server that has no
// `source.fixAll.stackfit` action of its own: the preferred quick fix of each
// finding (the rule's mechanical rewrite, or the removal of an unused
// suppression; never "suppress"), merged into one list of edits. An edit
// identical to one already taken (two fixes adding the same import) is taken
// once; a fix with an edit that overlaps another fix's is left out, as ESLint
// and ruff leave overlapping fixes for the next run.
// Plain Node.js, on LSP JSON: tests/editors/vscode/fixall.test.js runs it.

function before(a, b) {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a, b) {
  // Two insertions at one point conflict; an insertion at the end of a
  // replacement does not.
  if (before(a.range.end, b.range.start) || before(b.range.end, a.range.start)) return false;
  const emptyA = !before(a.range.start, a.range.end);
  const emptyB = !before(b.range.start, b.range.end);
  const same = (p, q) => p.line === q.line && p.character === q.character;
  if (!emptyA && !emptyB && (same(a.range.end, b.range.start) || same(b.range.end, a.range.start))) return false;
  if (emptyA !== emptyB && (same(a.range.end, b.range.start) || same(b.range.end, a.range.start))) return false;
  return true;
}

function key(e) {
  const r = e.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}:${e.newText}`;
}

// The TextEdits a WorkspaceEdit makes to one document.
function editsFor(edit, uri) {
  if (!edit) return [];
  if (edit.documentChanges) {
    return edit.documentChanges
      .filter((c) => c.textDocument && c.textDocument.uri === uri)
      .flatMap((c) => c.edits);
  }
  return (edit.changes && edit.changes[uri]) || [];
}

// actions: the server's CodeAction[] for the whole document -> TextEdit[].
function fixAllEdits(actions, uri) {
  const taken = [];
  const seen = new Set();
  for (const a of actions || []) {
    if (!a || !a.isPreferred || a.kind !== 'quickfix') continue;
    const edits = editsFor(a.edit, uri);
    if (edits.length === 0) continue;
    const fresh = edits.filter((e) => !seen.has(key(e)));
    if (fresh.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    for (const e of fresh) {
      seen.add(key(e));
      taken.push(e);
    }
  }
  return taken;
}

module.exports = { fixAllEdits, editsFor };
