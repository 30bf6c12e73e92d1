-- switchboard language server for Neovim's built-in LSP client (Neovim 0.7 or newer).
--
--   require('switchboard').setup()                       -- `switchboard` on $PATH
--   require('switchboard').setup({ cmd = { '/path/to/switchboard', 'lsp' }, inlay_hints = false })
--
-- Any .yaml, .yml, .txt or .py file inside an ADK project (a folder holding project.yaml, or one
-- of its subfolders) starts one server per project and attaches the buffer to it.

local M = {}

-- root folder -> client id
M.clients = {}

local function find_root(path)
  if path == nil or path == '' then
    return nil
  end
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while dir ~= nil and dir ~= '' do
    if vim.fn.filereadable(dir .. '/project.yaml') == 1 then
      return dir
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return nil
end

M.find_root = find_root

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { 'switchboard', 'lsp' }
  local group = vim.api.nvim_create_augroup('switchboard_lsp', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
    group = group,
    pattern = { '*.yaml', '*.yml', '*.txt', '*.py' },
    callback = function(args)
      local root = find_root(vim.api.nvim_buf_get_name(args.buf))
      if root == nil then
        return
      end
      local id = M.clients[root]
      if id == nil or vim.lsp.get_client_by_id(id) == nil then
        id = vim.lsp.start_client({
          name = 'switchboard',
          cmd = cmd,
          root_dir = root,
          workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
          init_options = { inlayHints = opts.inlay_hints ~= false },
          on_attach = opts.on_attach,
          capabilities = opts.capabilities,
        })
        M.clients[root] = id
      end
      if id ~= nil then
        vim.lsp.buf_attach_client(args.buf, id)
      end
    end,
  })
end

return M
