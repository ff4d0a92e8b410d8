-- The Neovim plugin: require('stackfit').setup{} on Neovim 0.7, started in
-- a subfolder (svc/) of a repository. Run by plugin.sh.
local work = os.getenv('STACKFIT_WORK')
local repo = work .. '/repo'
local passed, failed = 0, 0
local function out(s) io.stdout:write(s .. '\n') end
local function check(name, ok, extra)
  if ok then passed = passed + 1; out('ok   ' .. name)
  else failed = failed + 1; out('FAIL ' .. name .. (extra ~= nil and (': ' .. vim.inspect(extra)) or '')) end
end

vim.opt.runtimepath:prepend(os.getenv('STACKFIT_PLUGIN'))
local stackfit = require('stackfit')
stackfit.setup({})
check(':StackfitRestart exists', vim.fn.exists(':StackfitRestart') == 2)

-- The stackfit client of a buffer, once it has initialized.
local function client_of(buf)
  local found
  vim.wait(5000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
      if c.name == 'stackfit' and c.initialized then found = c; return true end
    end
    return false
  end, 20)
  return found
end
local function diags(buf, c)
  return vim.diagnostic.get(buf, { namespace = vim.lsp.diagnostic.get_namespace(c.id) })
end

-- The file is src/app.js, from svc/: the root is the repository (.git).
vim.cmd('edit ../src/app.js')
local buf = vim.api.nvim_get_current_buf()
local c = client_of(buf)
check('app.js attached to a stackfit client', c ~= nil)
if not c then vim.cmd('cquit 1') end
check('root: the repository, not the current folder (' .. vim.fn.getcwd() .. ')',
  c.config.root_dir == repo, c.config.root_dir)
check('cmd: stackfit on PATH', c.config.cmd[1] == 'stackfit' and c.config.cmd[2] == 'lsp', c.config.cmd)
local ok = vim.wait(10000, function()
  local d = diags(buf, c)
  return #d == 1 and d[1].user_data.lsp.code == 'JS107' and d[1].lnum == 2
end, 20)
check('the cross-file finding: JS107 at load() (line 3)', ok, diags(buf, c))

-- svc/main.py: the same repository, the same server.
vim.cmd('edit ' .. repo .. '/svc/main.py')
local pbuf = vim.api.nvim_get_current_buf()
local pc = client_of(pbuf)
check('main.py: the same server (one per root)', pc and pc.id == c.id, pc and pc.id)
ok = vim.wait(5000, function() return #diags(pbuf, c) == 1 end, 20)
check('  PY201', ok and diags(pbuf, c)[1].user_data.lsp.code == 'PY201', diags(pbuf, c))

-- :StackfitRestart: a new server for the same buffers, the old one exits.
local old = c.id
vim.cmd('StackfitRestart')
local new = stackfit.clients[repo]
check(':StackfitRestart: a new client for the root', new ~= nil and new ~= old, new)
ok = vim.wait(5000, function() return vim.lsp.get_client_by_id(old) == nil end, 20)
check('  the old server stopped', ok)
local nc = vim.lsp.get_client_by_id(new)
ok = nc and vim.wait(10000, function()
  local d = diags(buf, nc)
  return #d == 1 and d[1].user_data.lsp.code == 'JS107'
end, 20)
check('  app.js: JS107 from the new server', ok, nc and diags(buf, nc))
ok = nc and vim.wait(5000, function() return #diags(pbuf, nc) == 1 end, 20)
check('  main.py: PY201 from the new server', ok, nc and diags(pbuf, nc))

-- A project without .git: root by package.json, binary from its npm package.
vim.cmd('edit ' .. work .. '/proj/src/a.js')
local abuf = vim.api.nvim_get_current_buf()
local ac = client_of(abuf)
check('proj/src/a.js: root by package.json', ac and ac.config.root_dir == work .. '/proj', ac and ac.config.root_dir)
check('  cmd: the npm package of the project',
  ac and ac.config.cmd[1] == work .. '/proj/node_modules/@stackfit/linux-x64-gnu/bin/stackfit', ac and ac.config.cmd)
ok = ac and vim.wait(10000, function() return #diags(abuf, ac) == 1 end, 20)
check('  JS101 from it', ok, ac and diags(abuf, ac))

-- find_root: the first group of markers wins over a nearer later one.
check('find_root: .git above wins over a nearer pyproject.toml',
  stackfit.find_root(repo .. '/svc/main.py') == repo)
check('find_root: a flat list of markers: the nearest',
  stackfit.find_root(repo .. '/svc/main.py', { '.git', 'pyproject.toml' }) == repo .. '/svc')
check('find_root: no marker: the file\'s folder',
  stackfit.find_root('/tmp/nothing/here/x.py', { 'no-such-marker' }) == '/tmp/nothing/here')

for _, id in pairs(stackfit.clients) do
  vim.lsp.get_client_by_id(id).stop()
end
ok = vim.wait(5000, function() return next(stackfit.clients) == nil end, 20)
check('every server stopped', ok, stackfit.clients)
out(string.format('%d passed, %d failed', passed, failed))
vim.cmd(failed == 0 and 'qa!' or 'cquit 1')
