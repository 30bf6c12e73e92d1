-- Headless Neovim as a real LSP client of `switchboard lsp` (driven by tests/it/lsp_neovim.rs).
-- Environment: SWITCHBOARD_BIN, SWITCHBOARD_PROJECT (a copy of the example), SWITCHBOARD_PLUGIN.

local bin = os.getenv('SWITCHBOARD_BIN')
local root = os.getenv('SWITCHBOARD_PROJECT')
vim.opt.rtp:prepend(os.getenv('SWITCHBOARD_PLUGIN'))

local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local function check(cond, msg)
  if not cond then
    fail(msg)
  end
end

local function ok(msg)
  io.stdout:write('ok: ' .. msg .. '\n')
end

local ok_setup, err = pcall(function()
  require('switchboard').setup({ cmd = { bin, 'lsp' } })
end)
check(ok_setup, 'setup: ' .. tostring(err))

-- 1. Diagnostics for the unknown handoff in topics/payment_plans.yaml.
vim.cmd('edit ' .. root .. '/topics/payment_plans.yaml')
local pp = vim.api.nvim_get_current_buf()
local got = vim.wait(20000, function()
  return #vim.diagnostic.get(pp) > 0
end, 50)
check(got, 'no diagnostics for payment_plans.yaml')
local d = vim.diagnostic.get(pp)[1]
local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
check(code == 'SB201', 'expected SB201, got ' .. tostring(code))
check(d.lnum == 11 and d.col == 39 and d.end_col == 51,
  string.format('SB201 at %d:%d-%d', d.lnum, d.col, d.end_col))
ok('diagnostics')

-- 2. Completion after `{{ho:` in an edited rules.txt.
vim.cmd('edit ' .. root .. '/agent_settings/rules.txt')
local rules = vim.api.nvim_get_current_buf()
vim.wait(5000, function()
  return #vim.lsp.buf_get_clients(rules) > 0
end, 20)
local n = vim.api.nvim_buf_line_count(rules)
vim.api.nvim_buf_set_lines(rules, n, n, false, { 'Then use {{ho:' })
local res = vim.lsp.buf_request_sync(rules, 'textDocument/completion', {
  textDocument = { uri = vim.uri_from_bufnr(rules) },
  position = { line = n, character = 14 },
}, 10000)
check(res ~= nil, 'completion: no answer')
local labels = {}
for _, r in pairs(res) do
  check(r.err == nil, 'completion error: ' .. vim.inspect(r.err))
  local items = r.result and (r.result.items or r.result) or {}
  for _, it in ipairs(items) do
    table.insert(labels, it.label)
  end
end
table.sort(labels)
check(table.concat(labels, ',') == 'Front Desk,billing,end_call,on_call_dentist',
  'completion labels: ' .. table.concat(labels, ','))
ok('completion')

-- 3. Definition of `{{ho:Front Desk}}` (after an NBSP on line 21).
res = vim.lsp.buf_request_sync(rules, 'textDocument/definition', {
  textDocument = { uri = vim.uri_from_bufnr(rules) },
  position = { line = 20, character = 95 },
}, 10000)
local loc
for _, r in pairs(res or {}) do
  loc = r.result and r.result[1]
end
check(loc ~= nil, 'definition: no location')
check(vim.endswith(loc.uri, '/config/handoffs.yaml'), 'definition uri ' .. loc.uri)
check(loc.range.start.line == 1 and loc.range.start.character == 8, 'definition range ' .. vim.inspect(loc.range))
ok('definition')

-- 4. Rename `Front Desk` to `Reception` and apply the edit.
res = vim.lsp.buf_request_sync(rules, 'textDocument/rename', {
  textDocument = { uri = vim.uri_from_bufnr(rules) },
  position = { line = 20, character = 95 },
  newName = 'Reception',
}, 10000)
local edit
for _, r in pairs(res or {}) do
  check(r.err == nil, 'rename error: ' .. vim.inspect(r.err))
  edit = r.result
end
check(edit ~= nil, 'rename: no edit')
vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
local line = vim.api.nvim_buf_get_lines(rules, 20, 21, false)[1]
check(line:find('{{ho:Reception}}', 1, true) ~= nil, 'rules.txt line 21 after rename: ' .. line)
local hbuf = vim.fn.bufnr(root .. '/config/handoffs.yaml')
check(hbuf ~= -1, 'handoffs.yaml not loaded by the rename')
check(vim.api.nvim_buf_get_lines(hbuf, 1, 2, false)[1] == '- name: Reception', 'handoffs.yaml line 2 after rename')
ok('rename')

vim.cmd('qall!')
