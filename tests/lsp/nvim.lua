-- End-to-end with Neovim 0.7 (Debian): stackfit's diagnostics read back
-- through vim.diagnostic, updated as the buffer changes, a code action
-- applied through vim.lsp.buf.code_action, hover, and the server's text
-- equal to the buffer after edits after multi-byte characters.
-- Run by nvim.sh: STACKFIT_BIN and E2E_WORK are set.
local bin = os.getenv('STACKFIT_BIN')
local work = os.getenv('E2E_WORK')
local passed, failed = 0, 0
local function out(s) io.stdout:write(s .. '\n') end
local function check(name, ok, extra)
  if ok then passed = passed + 1; out('ok   ' .. name)
  else failed = failed + 1; out('FAIL ' .. name .. (extra ~= nil and (': ' .. vim.inspect(extra)) or '')) end
end

local exit_code
local client_id = vim.lsp.start_client({
  name = 'stackfit',
  cmd = { bin, 'lsp' },
  root_dir = work,
  flags = { debounce_text_changes = 20 },
  on_exit = function(code) exit_code = code end,
})
check('start_client', client_id ~= nil)

vim.cmd('edit ' .. work .. '/src/app.js')
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
local ns = vim.lsp.diagnostic.get_namespace(client_id)
local function diags(b)
  local d = vim.diagnostic.get(b or buf, { namespace = ns })
  table.sort(d, function(x, y) return x.lnum < y.lnum end)
  return d
end

local ok = vim.wait(5000, function() return #diags() == 2 end, 10)
check('didOpen -> 2 diagnostics in vim.diagnostic', ok, diags())
local d = diags()
check('code and source', d[1] and d[1].source == 'stackfit' and
  d[1].user_data.lsp.code == 'JS101', d[1])
-- utf-16 column 29 after "😀é" is byte column 32 for Neovim
check('column after emoji and é: byte 32', d[2] and d[2].lnum == 3 and d[2].col == 32, d[2])

-- Typing: a new flagged line at the top of the handler.
vim.api.nvim_buf_set_lines(buf, 2, 2, false, { "  fs.writeFileSync('c', '');" })
ok = vim.wait(5000, function() return #diags() == 3 end, 10)
check('after inserting a line -> 3 diagnostics', ok, diags())

-- An edit after the multi-byte characters: readFileSync -> readFile.
local line = vim.api.nvim_buf_get_lines(buf, 4, 5, false)[1]
local s = line:find('Sync%(')
vim.api.nvim_buf_set_text(buf, 4, s - 1, 4, s + 3, { '' })
ok = vim.wait(5000, function() return #diags() == 2 end, 10)
check('after an edit behind the emoji -> 2 diagnostics', ok, diags())

local function server_text()
  local res = vim.lsp.buf_request_sync(buf, 'stackfit/documentText',
    { textDocument = vim.lsp.util.make_text_document_params() }, 3000)
  return res and res[client_id] and res[client_id].result and res[client_id].result.text
end
local function buffer_text()
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end
check('server text == buffer text', server_text() == buffer_text(),
  { server = server_text(), buffer = buffer_text() })

-- Code action through the real UI path; vim.ui.select is replaced.
local titles
vim.ui.select = function(items, opts, on_choice)
  titles = {}
  local pick
  for i, it in ipairs(items) do
    local t = (opts.format_item and opts.format_item(it)) or tostring(it)
    table.insert(titles, t)
    if t:find('Suppress JS101') and not pick then pick = i end
  end
  on_choice(items[pick or 1], pick or 1)
end
vim.api.nvim_win_set_cursor(0, { 3, 4 }) -- line 3 (1-based): fs.writeFileSync
vim.lsp.buf.code_action()
ok = vim.wait(5000, function() return titles ~= nil end, 10)
check('code actions offered', ok and #titles >= 1, titles)
ok = vim.wait(5000, function()
  return (vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1] or ''):find('stackfit: ignore%[JS101%]') ~= nil
end, 10)
check('WorkspaceEdit applied: suppression comment in the buffer', ok, vim.api.nvim_buf_get_lines(buf, 0, 5, false))
ok = vim.wait(5000, function() return #diags() == 1 end, 10)
check('after the code action -> 1 diagnostic', ok, diags())
check('server text == buffer text after the code action', server_text() == buffer_text())

-- Hover on the remaining finding.
d = diags()
vim.api.nvim_win_set_cursor(0, { d[1].lnum + 1, d[1].col + 2 })
local params = vim.lsp.util.make_position_params()
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 3000)
local hv = res and res[client_id] and res[client_id].result
check('hover: the rule explanation', hv and hv.contents.kind == 'markdown' and
  hv.contents.value:find('Why is this bad') ~= nil, res)
vim.lsp.buf.hover()
ok = vim.wait(3000, function()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then return true end
  end
  return false
end, 10)
check('hover floating window opened', ok)

-- TypeScript: Neovim sends languageId `typescript` (its filetype). A sync
-- NestJS route handler that reads a file.
vim.cmd('edit ' .. work .. '/src/users.controller.ts')
local tbuf = vim.api.nvim_get_current_buf()
check('a .ts buffer has filetype typescript', vim.bo[tbuf].filetype == 'typescript', vim.bo[tbuf].filetype)
vim.lsp.buf_attach_client(tbuf, client_id)
ok = vim.wait(5000, function() return #diags(tbuf) == 1 end, 10)
d = diags(tbuf)
check('typescript buffer -> JS101 in the @Get handler', ok and d[1].user_data.lsp.code == 'JS101' and
  d[1].lnum == 7 and d[1].message:find('registered with `@Get%(\':id\'%)`') ~= nil, d)
-- Typing in it: making the handler read asynchronously clears the finding.
local tline = vim.api.nvim_buf_get_lines(tbuf, 7, 8, false)[1]
local ts_at = tline:find('fs%.readFileSync')
vim.api.nvim_buf_set_text(tbuf, 7, ts_at - 1, 7, ts_at + 14, { 'fs.promises.readFile' })
ok = vim.wait(5000, function() return #diags(tbuf) == 0 end, 10)
check('typescript buffer: fs.promises.readFile -> no finding', ok, diags(tbuf))

-- TSX: languageId `typescriptreact`.
vim.cmd('edit ' .. work .. '/src/page.tsx')
local xbuf = vim.api.nvim_get_current_buf()
check('a .tsx buffer has filetype typescriptreact', vim.bo[xbuf].filetype == 'typescriptreact',
  vim.bo[xbuf].filetype)
vim.lsp.buf_attach_client(xbuf, client_id)
ok = vim.wait(5000, function() return #diags(xbuf) == 1 end, 10)
check('typescriptreact buffer -> JS101 in the async arrow', ok and diags(xbuf)[1].lnum == 2 and
  diags(xbuf)[1].user_data.lsp.code == 'JS101', diags(xbuf))

-- A buffer whose name has no extension: the language comes from the
-- languageId (the filetype), as the language definitions list them. Only
-- the TypeScript grammar reads `import fs = require('fs')`.
vim.cmd('enew')
local nbuf = vim.api.nvim_get_current_buf()
vim.api.nvim_buf_set_name(nbuf, work .. '/src/scratch')
vim.bo[nbuf].filetype = 'typescript'
vim.api.nvim_buf_set_lines(nbuf, 0, -1, false, {
  "import fs = require('fs');",
  'export async function load(p: string): Promise<string> {',
  "  return fs.readFileSync(p, 'utf8');",
  '}',
})
vim.lsp.buf_attach_client(nbuf, client_id)
ok = vim.wait(5000, function() return #diags(nbuf) == 1 end, 10)
check('no extension, languageId typescript -> JS101', ok and diags(nbuf)[1].lnum == 2, diags(nbuf))

-- Python: a second buffer of the same client.
vim.cmd('edit ' .. work .. '/svc/main.py')
local pbuf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(pbuf, client_id)
ok = vim.wait(5000, function() return #diags(pbuf) == 1 end, 10)
check('python buffer -> PY201', ok and diags(pbuf)[1].user_data.lsp.code == 'PY201', diags(pbuf))
-- The rule's own quick fix, through the same UI path: time.sleep(1) ->
-- await asyncio.sleep(1).
titles = nil
vim.ui.select = function(items, opts, on_choice)
  titles = {}
  local pick
  for i, it in ipairs(items) do
    local t = (opts.format_item and opts.format_item(it)) or tostring(it)
    table.insert(titles, t)
    if t:find('asyncio.sleep') and not pick then pick = i end
  end
  on_choice(items[pick], pick)
end
vim.api.nvim_win_set_cursor(0, { 4, 6 })
vim.lsp.buf.code_action()
ok = vim.wait(5000, function()
  return (vim.api.nvim_buf_get_lines(pbuf, 3, 4, false)[1] or '') == '    await asyncio.sleep(1)'
end, 10)
check("the rule's quick fix applied: await asyncio.sleep(1)", ok,
  { titles = titles, lines = vim.api.nvim_buf_get_lines(pbuf, 0, -1, false) })
ok = vim.wait(5000, function() return #diags(pbuf) == 0 end, 10)
check('the quick fix clears the finding', ok, diags(pbuf))

vim.lsp.stop_client(client_id)
ok = vim.wait(5000, function() return exit_code ~= nil end, 10)
check('shutdown + exit: status 0', ok and exit_code == 0, exit_code)
out(string.format('%d passed, %d failed', passed, failed))
vim.cmd(failed == 0 and 'qa!' or 'cquit 1')
