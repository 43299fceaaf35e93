-- Run by test/neovim.test.ts inside `nvim --headless` on a Markdown file: starts medlint's language
-- server with Neovim's own LSP client (the 0.7 API, as Debian ships it), waits for diagnostics, asks
-- for a hover, and writes what Neovim received as JSON.
local client_id = vim.lsp.start_client({
  name = 'medlint',
  cmd = { vim.env.MEDLINT_NODE, vim.env.MEDLINT_CLI, 'lsp', '--stdio' },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(0, client_id)
vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)

local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(diagnostics, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, source = d.source, message = d.message })
end
local hover = ''
local responses = vim.lsp.buf_request_sync(0, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  position = { line = tonumber(vim.env.MEDLINT_HOVER_LINE), character = tonumber(vim.env.MEDLINT_HOVER_CHARACTER) },
}, 10000)
for _, response in pairs(responses or {}) do
  if response.result and response.result.contents then hover = response.result.contents.value end
end
local file = io.open(vim.env.MEDLINT_NVIM_OUT, 'w')
file:write(vim.fn.json_encode({ diagnostics = diagnostics, hover = hover }))
file:close()
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
