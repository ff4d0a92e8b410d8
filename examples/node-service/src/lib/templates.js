const fs = require('fs');
const path = require('path');

const TEMPLATE_DIR = path.join(__dirname, '..', '..', 'templates');

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Fills {{name}} placeholders in templates/<name>.html.
function renderTemplate(name, vars) {
  const source = fs.readFileSync(path.join(TEMPLATE_DIR, `${name}.html`), 'utf8');
  return source.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key) => escapeHtml(vars[key] ?? ''));
}

module.exports = { renderTemplate, escapeHtml };
