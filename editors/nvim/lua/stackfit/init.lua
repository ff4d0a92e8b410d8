-- stackfit for Neovim (0.7 and later): starts `stackfit lsp` for JavaScript
-- and Python buffers, one server per project root, and adds :StackfitRestart.
--
--   require('stackfit').setup{}            -- the defaults below
--   require('stackfit').setup{ cmd = { '/opt/stackfit/bin/stackfit', 'lsp' } }
--
-- The root of a buffer is found from its file, never from the current
-- directory: the nearest folder above it holding one of the first group of
-- root_markers (.git: the whole repository, as `stackfit check` takes it),
-- else of the next group (package.json, pyproject.toml…), else the file's
-- folder. The binary: `cmd` when given, else the npm package of the root or
-- a folder above it (node_modules/@stackfit/linux-x64-gnu/bin/stackfit), else
-- `stackfit` on PATH.
local M = {}

local defaults = {
  cmd = nil,
  filetypes = { 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python' },
  root_markers = {
    { '.git' },
    { 'package.json', 'pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt' },
  },
  init_options = {}, -- e.g. { reportUnusedIgnores = true, ruleDocsUrl = '…/{id}.md' }
  on_attach = nil, -- function(client, bufnr)
  capabilities = nil,
  flags = { debounce_text_changes = 50 },
}

M.config = vim.deepcopy(defaults)
-- root -> client id, for the servers this plugin started.
M.clients = {}

local uv = vim.loop
local npm_package = '@stackfit/linux-x64-gnu'

local function exists(p)
  return uv.fs_stat(p) ~= nil
end

local function dirname(p)
  return vim.fn.fnamemodify(p, ':h')
end

-- The nearest folder at or above `dir` holding one of `names`.
local function upward(dir, names)
  while true do
    for _, name in ipairs(names) do
      if exists(dir .. '/' .. name) then
        return dir
      end
    end
    local parent = dirname(dir)
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

-- The project root of a file (absolute path): see the top of this file.
function M.find_root(path, markers)
  markers = markers or M.config.root_markers
  local dir = dirname(vim.fn.fnamemodify(path, ':p'))
  if type(markers[1]) == 'string' then
    markers = { markers }
  end
  for _, group in ipairs(markers) do
    local root = upward(dir, group)
    if root then
      return root
    end
  end
  return dir
end

-- The command that runs the server for `root`.
function M.find_cmd(root)
  if M.config.cmd then
    return M.config.cmd
  end
  local dir = root
  while true do
    local bin = dir .. '/node_modules/' .. npm_package .. '/bin/stackfit'
    if vim.fn.executable(bin) == 1 then
      return { bin, 'lsp' }
    end
    local parent = dirname(dir)
    if parent == dir then
      break
    end
    dir = parent
  end
  return { 'stackfit', 'lsp' }
end

local function start(root)
  local cmd = M.find_cmd(root)
  if vim.fn.executable(cmd[1]) ~= 1 then
    vim.notify(
      string.format(
        'stackfit: %s is not an executable on PATH (%s); install stackfit or set cmd in setup{}',
        cmd[1],
        vim.env.PATH
      ),
      vim.log.levels.ERROR
    )
    return nil
  end
  local id = vim.lsp.start_client({
    name = 'stackfit',
    cmd = cmd,
    root_dir = root,
    init_options = M.config.init_options,
    capabilities = M.config.capabilities,
    flags = M.config.flags,
    on_attach = M.config.on_attach,
    on_exit = function(_, _, client_id)
      if M.clients[root] == client_id then
        M.clients[root] = nil
      end
    end,
  })
  M.clients[root] = id
  return id
end

-- Attaches the buffer to its root's server, starting it when needed.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or vim.bo[bufnr].buftype ~= '' then
    return
  end
  local root = M.find_root(name)
  local id = M.clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = start(root)
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

-- :StackfitRestart: stops every stackfit server and starts them again with
-- the same buffers (after a change of .stackfit.json, or of the binary).
function M.restart()
  local old = M.clients
  M.clients = {}
  for root, id in pairs(old) do
    local bufs = vim.lsp.get_buffers_by_client_id(id)
    vim.lsp.stop_client(id)
    local new = start(root)
    if new then
      for _, b in ipairs(bufs) do
        vim.lsp.buf_attach_client(b, new)
      end
    end
  end
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  local group = vim.api.nvim_create_augroup('stackfit', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  vim.api.nvim_create_user_command('StackfitRestart', M.restart, {
    desc = 'Restart the stackfit language servers',
  })
  -- Buffers already open when setup runs.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.config.filetypes, vim.bo[b].filetype) then
      M.attach(b)
    end
  end
end

return M
