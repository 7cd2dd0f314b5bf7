-- Headless Neovim as hexlint's LSP client (tests/editor_neovim.rs).
-- Starts `hexlint server` with Neovim's built-in client for the current buffer (mix.exs), waits
-- for its diagnostics and writes one line per diagnostic to $HEXLINT_NVIM_OUT:
--   LINE:COL SEVERITY CODE MESSAGE-FIRST-LINE
-- vim.lsp.start is Neovim 0.8+; Debian bookworm ships 0.7, which has start_client.
local bin = os.getenv('HEXLINT_BIN')
local out = os.getenv('HEXLINT_NVIM_OUT')
local config = {
  name = 'hexlint',
  cmd = { bin, 'server', '--debounce', '20' },
  root_dir = vim.fn.getcwd(),
}
if vim.lsp.start then
  vim.lsp.start(config)
else
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(0, id)
end
local got = vim.wait(60000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local lines = {}
if not got then
  table.insert(lines, 'TIMEOUT: no diagnostics received')
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  local first = vim.split(d.message, '\n')[1]
  table.insert(lines, string.format('%d:%d %s %s %s', d.lnum + 1, d.col + 1,
    vim.diagnostic.severity[d.severity], tostring(code), first))
end
vim.fn.writefile(lines, out)
vim.cmd('qa!')
