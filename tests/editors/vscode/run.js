// The VS Code extension, as a user gets it: the .vsix installed into
// code-server (VS Code 1.100 in a browser), stackfit installed into the
// workspace from the npm tarballs, and Debian's Chromium driven through
// the UI with playwright-core: the status item, the findings in the
// Problems panel at their line and column, hover, a quick fix and a
// suppression through the light bulb menu, fix-all on save, the commands
// Restart Server and Show Output, and stackfit.path.
//
// Usage: node run.js STACKFIT VSIX NPM_DIST   (run.sh installs what it needs)
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [stackfit, vsix, npmDist] = process.argv.slice(2).map((p) => path.resolve(p));
const HERE = __dirname;
const CODE_SERVER = path.join(HERE, 'code-server', 'node_modules', '.bin', 'code-server');
const WORK = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'stackfit-vscode-'));
const WS = path.join(WORK, 'ws');
const PORT = 20000 + (process.pid % 20000);
const KEEP = process.env.STACKFIT_E2E_KEEP === '1';

let passed = 0;
let failed = 0;
function check(name, ok, extra) {
  if (ok) { passed++; console.log(`ok   ${name}`); } else {
    failed++;
    console.log(`FAIL ${name}${extra !== undefined ? `: ${JSON.stringify(extra)}` : ''}`);
  }
  return ok;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(fn, ms = 15000) {
  const end = Date.now() + ms;
  let v;
  while (Date.now() < end) {
    try { v = await fn(); } catch (e) { v = undefined; }
    if (v) return v;
    await sleep(200);
  }
  return v;
}
function sh(cmd, args, opts = {}) {
  return cp.execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts }).toString();
}
// Processes whose command line starts with EXE: their pids.
function pidsOf(exe) {
  const pids = [];
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const argv = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      if (argv[0] === exe && argv[1] === 'lsp') pids.push(Number(p));
    } catch (e) { /* gone */ }
  }
  return pids.sort();
}

// The workspace: a Node.js service and a Python one, stackfit from npm.
function makeWorkspace() {
  fs.mkdirSync(path.join(WS, 'src'), { recursive: true });
  fs.mkdirSync(path.join(WS, 'svc'), { recursive: true });
  fs.mkdirSync(path.join(WS, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(WS, 'src', 'app.js'), [
    "const fs = require('fs');",
    "app.get('/', (req, res) => {",
    "  const a = fs.readFileSync('a.txt');",
    "  const s = '😀é'; const b = fs.readFileSync('b.txt');",
    '  res.send(a + b + s);',
    '});',
    ''].join('\n'));
  fs.writeFileSync(path.join(WS, 'svc', 'main.py'), [
    'import asyncio, time',
    '',
    'async def handler():',
    '    time.sleep(1)',
    ''].join('\n'));
  fs.writeFileSync(path.join(WS, '.vscode', 'settings.json'), JSON.stringify({
    'editor.codeActionsOnSave': { 'source.fixAll.stackfit': 'explicit' },
  }, null, 1));
  const main = fs.readdirSync(npmDist).find((f) => /^stackfit-\d.*\.tgz$/.test(f));
  const plat = fs.readdirSync(npmDist).find((f) => /^stackfit-linux-x64-gnu-.*\.tgz$/.test(f));
  fs.writeFileSync(path.join(WS, 'package.json'), JSON.stringify({
    name: 'ws', version: '1.0.0', private: true,
    overrides: { '@stackfit/linux-x64-gnu': `file:${path.join(npmDist, plat)}` },
  }));
  sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', '--save-dev',
    path.join(npmDist, main)], { cwd: WS });
  cp.execFileSync('git', ['init', '-q', WS], { env: cleanGitEnv() });
}
function cleanGitEnv() {
  const env = { ...process.env };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR']) delete env[k];
  return env;
}

(async () => {
  const t0 = Date.now();
  makeWorkspace();
  const npmBin = path.join(WS, 'node_modules', '@stackfit', 'linux-x64-gnu', 'bin', 'stackfit');
  const home = path.join(WORK, 'home');
  const data = path.join(WORK, 'data');
  const exts = path.join(WORK, 'extensions');
  fs.mkdirSync(path.join(data, 'User'), { recursive: true });
  fs.writeFileSync(path.join(data, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'git.enabled': false,
    'typescript.validate.enable': false,
    'javascript.validate.enable': false,
    // TypeScript's automatic type acquisition fetches types from the
    // network, and its code action provider is slow until it gives up.
    'typescript.disableAutomaticTypeAcquisition': true,
    'javascript.suggestionActions.enabled': false,
    'editor.hover.delay': 100,
    'editor.stickyScroll.enabled': false,
    'editor.minimap.enabled': false,
    'stackfit.trace.server': process.env.STACKFIT_E2E_TRACE || 'off',
  }));
  // No stackfit on PATH: the extension must find the workspace's npm one.
  const PATHS = (process.env.PATH || '').split(':').filter((d) => !fs.existsSync(path.join(d, 'stackfit')));
  const env = { ...cleanGitEnv(), PATH: PATHS.join(':'), HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'), XDG_CACHE_HOME: path.join(home, '.cache'),
    STACKFIT_CACHE_DIR: path.join(WORK, 'stackfit-cache') };
  fs.mkdirSync(home, { recursive: true });

  const installed = sh(CODE_SERVER, ['--extensions-dir', exts, '--user-data-dir', data,
    '--install-extension', vsix], { env });
  check('code-server --install-extension stackfit.vsix', /successfully installed/i.test(installed), installed);

  const server = cp.spawn(CODE_SERVER, ['--auth', 'none', '--bind-addr', `127.0.0.1:${PORT}`,
    '--user-data-dir', data, '--extensions-dir', exts, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', WS],
  { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const serverLog = fs.createWriteStream(path.join(WORK, 'code-server.log'));
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  const serverExit = new Promise((r) => server.on('exit', r));
  let browser;
  let page;
  const cleanup = async () => {
    if (browser) await browser.close().catch(() => {});
    try { process.kill(-server.pid, 'SIGTERM'); } catch (e) { /* gone */ }
    const how = await Promise.race([serverExit.then(() => 'exited'), sleep(5000).then(() => 'timeout')]);
    if (how === 'timeout') { try { process.kill(-server.pid, 'SIGKILL'); } catch (e) { /* gone */ } }
    await sleep(300);
    // Servers the extension host started and left (they die with their stdin).
    for (const exe of [npmBin, path.join(WORK, 'stackfit-wrapper')]) {
      for (const pid of pidsOf(exe)) { try { process.kill(pid, 'SIGKILL'); } catch (e) { /* gone */ } }
    }
  };

  const key = async (k) => { await page.keyboard.press(k); await sleep(150); };
  // Opens a quick input (F1: commands, Control+P: files, Control+G: a
  // line), types TEXT, waits for a list row matching ROW, and accepts it.
  const quickInput = async (opener, text, row) => {
    await key(opener);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(`${{ F1: '>', 'Control+G': ':' }[opener] || ''}${text}`);
    if (row) {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first()
        .waitFor({ state: 'visible', timeout: 15000 });
    }
    await sleep(300);
    await key('Enter');
  };
  const command = (title) => quickInput('F1', title, title);
  // Opens DIR/NAME from the Explorer, as a click would (Quick Open's file
  // search is slow on a loaded machine).
  const openFile = async (dir, name) => {
    const row = (label) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: label }).first();
    // The mouse off the tree first: its hover over a row covers the next.
    const click = async (label) => {
      await page.mouse.move(150, 700);
      await sleep(300);
      await row(label).click();
    };
    if (!(await row(name).isVisible())) await click(dir);
    await click(name);
    await page.mouse.move(150, 700);
    await until(async () => (await page.locator('.tab.active').innerText()).includes(name), 15000);
  };
  const goTo = (line, col) => quickInput('Control+G', `${line}:${col}`);
  // The text of the active editor, as shown: its line elements in the
  // order of their position (Monaco reuses them out of order), with the
  // no-break spaces it renders turned back into spaces.
  const editorText = () => page.evaluate(() => {
    const lines = [...document.querySelectorAll(
      '.editor-group-container.active .editor-instance .monaco-editor .view-lines .view-line')];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
  });
  // The rows of the Problems panel (shown first if another panel is).
  const problems = async () => {
    if (!(await page.locator('.markers-panel').isVisible())) {
      await command('Focus on Problems View');
      await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 5000 });
    }
    return (await page.locator('.markers-panel .monaco-tl-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  };
  // Ctrl+. and pick the row matching PATTERN; null when applied, else the
  // rows offered. VS Code at times says "No code actions available" when
  // Ctrl+. comes while its automatic (light bulb) request is under way:
  // as a user would, press it again.
  const lightBulbPick = async (pattern) => {
    // The selectable rows (not the group headers), in order; the first is
    // focused, the arrow keys move, Enter applies.
    const rows = page.locator('.action-widget .monaco-list-row.action');
    for (let attempt = 1; ; attempt++) {
      await sleep(1000);
      await key('Control+.');
      try {
        await rows.first().waitFor({ state: 'visible', timeout: 4000 });
        break;
      } catch (e) {
        if (attempt === 5) throw e;
        console.log(`info: Ctrl+. showed no actions (attempt ${attempt}); again`);
        await key('Escape');
      }
    }
    const titles = await rows.allInnerTexts();
    const i = titles.findIndex((t) => pattern.test(t));
    if (i < 0) { await key('Escape'); return titles; }
    for (let k = 0; k < i; k++) await key('ArrowDown');
    await key('Enter');
    return null;
  };

  try {
    await until(async () => (await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok, 30000);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/?folder=${encodeURIComponent(WS)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await sleep(2000);

    // --- JavaScript: status, Problems, hover, suppression
    await openFile('src', 'app.js');
    const status = page.locator('.statusbar-item', { hasText: 'stackfit' });
    check('status item: stackfit, running', await until(async () =>
      (await status.count()) === 1 && (await status.locator('.codicon-check').count()) === 1, 30000),
    await status.allInnerTexts().catch(() => []));
    check('the server is the npm package of the workspace', await until(() => pidsOf(npmBin).length === 1, 5000),
      pidsOf(npmBin));
    const firstPid = pidsOf(npmBin)[0];

    await key('Control+Shift+M');
    const want = [/JS101.*\[Ln 3, Col 13\]/, /JS101.*\[Ln 4, Col 30\]/];
    let rows = await until(async () => { const r = await problems(); return want.every((w) => r.some((t) => w.test(t))) && r; });
    check('Problems: JS101 at Ln 3, Col 13 and at Ln 4, Col 30 (after an emoji)', rows, await problems());

    await goTo(3, 16);
    await command('Show or Focus Hover');
    const hover = page.locator('.monaco-hover');
    const hoverText = await until(async () => { const t = await hover.first().innerText(); return /Why is this bad/.test(t) && t; }, 10000);
    check("hover: the rule's explanation", hoverText, await hover.allInnerTexts().catch(() => []));
    await key('Escape');

    await goTo(4, 35);
    let missed = await lightBulbPick(/Suppress JS101 on this line/);
    check('light bulb: "Suppress JS101 on this line" offered', missed === null, missed);
    check('  the comment is in the file, above the line', await until(async () =>
      /\/\/ stackfit: ignore\[JS101\]\s*\n\s*const s = '😀é'/.test(await editorText()), 5000), await editorText());
    rows = await until(async () => { const r = await problems(); return r.filter((t) => /JS101/.test(t)).length === 1 && r; }, 5000);
    check('  Problems: one JS101 left', rows, await problems());

    // --- Python: the rule's quick fix, then fix-all on save
    await openFile('svc', 'main.py');
    await until(async () => (await problems()).some((t) => /PY201.*\[Ln 4, Col 5\]/.test(t)));
    await goTo(4, 7);
    missed = await lightBulbPick(/asyncio\.sleep/);
    check("light bulb: the rule's quick fix (await asyncio.sleep)", missed === null, missed);
    check('  applied: await asyncio.sleep(1)', await until(async () => /^ {4}await asyncio\.sleep\(1\)$/m.test(await editorText()), 5000),
      await editorText());
    check('  Problems: no PY201', await until(async () => !(await problems()).some((t) => /PY201/.test(t)), 5000), await problems());

    await page.locator('.editor-group-container.active .monaco-editor textarea').focus();
    await goTo(4, 100);
    await key('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('time.sleep(2)');
    check('a new time.sleep(2): PY201', await until(async () => (await problems()).some((t) => /PY201.*\[Ln 5/.test(t)), 10000),
      await problems());
    await key('Control+S');
    check('save: source.fixAll.stackfit made it await asyncio.sleep(2)', await until(async () =>
      /^ {4}await asyncio\.sleep\(2\)$/m.test(await editorText()), 10000), await editorText());
    check('  the saved file has it', await until(() =>
      /await asyncio\.sleep\(2\)/.test(fs.readFileSync(path.join(WS, 'svc', 'main.py'), 'utf8')), 5000),
    fs.readFileSync(path.join(WS, 'svc', 'main.py'), 'utf8'));

    // --- Restart Server, Show Output
    await command('stackfit: Restart Server');
    const restarted = await until(() => { const p = pidsOf(npmBin); return p.length === 1 && p[0] !== firstPid && p; }, 15000);
    check('Restart Server: a new server process, the old one gone', restarted, pidsOf(npmBin));
    await openFile('src', 'app.js');
    check('  findings again after the restart: JS101 at Ln 3 only (Ln 5 is suppressed)', await until(async () => {
      const r = (await problems()).filter((t) => /JS101/.test(t));
      return r.length === 1 && /\[Ln 3, Col 13\]/.test(r[0]);
    }, 15000), await problems());
    await command('stackfit: Show Output');
    const out = page.locator('.part.panel .monaco-editor .view-lines');
    check('Show Output: the stackfit output, naming the binary and how it was found', await until(async () =>
      /found through\s+npm/.test((await out.first().innerText()).replace(/\u00a0/g, ' ')), 10000),
    await out.first().innerText().catch(() => ''));

    // --- stackfit.path: a setting change restarts with that binary
    const wrapper = path.join(WORK, 'stackfit-wrapper');
    const starts = path.join(WORK, 'wrapper-starts');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho "$$ $*" >>'${starts}'\nexec '${stackfit}' "$@"\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(WS, '.vscode', 'settings.json'), JSON.stringify({
      'editor.codeActionsOnSave': { 'source.fixAll.stackfit': 'explicit' },
      'stackfit.path': wrapper,
    }, null, 1));
    check('stackfit.path set: the extension restarts with it', await until(() =>
      fs.existsSync(starts) && /lsp/.test(fs.readFileSync(starts, 'utf8')) && pidsOf(npmBin).length === 0, 20000),
    { starts: fs.existsSync(starts) && fs.readFileSync(starts, 'utf8'), npm: pidsOf(npmBin) });
    check('  findings from it', await until(async () => (await problems()).some((t) => /JS101.*\[Ln 3, Col 13\]/.test(t)), 15000),
      await problems());
  } catch (e) {
    check('no exception', false, String(e && e.stack || e));
  }
  if (failed && page) {
    const shot = path.join(HERE, 'failure.png');
    await page.screenshot({ path: shot }).catch(() => {});
    console.log(`screenshot: ${shot}; code-server log: ${path.join(WORK, 'code-server.log')}`);
  }
  await cleanup();
  console.log(`VS Code test: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (!KEEP && !failed) fs.rmSync(WORK, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
