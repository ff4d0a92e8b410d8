import fs from 'node:fs';
import path from 'node:path';

const TEMPLATE_DIR = path.join(import.meta.dirname, '..', '..', 'templates');

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Fills {{name}} placeholders in templates/<name>.html.
export function renderTemplate(name: string, vars: Record<string, unknown>): string {
  const source = fs.readFileSync(path.join(TEMPLATE_DIR, `${name}.html`), 'utf8');
  return source.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => escapeHtml(vars[key] ?? ''));
}
