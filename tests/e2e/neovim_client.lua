-- Drives Neovim's built-in LSP client (0.7+) against `railguard lsp`, headless.
-- Reads RG_FILE, RG_ROOT, RG_OUT and RG_PYTHON from the environment; writes a JSON report.
local file, root, out = os.getenv("RG_FILE"), os.getenv("RG_ROOT"), os.getenv("RG_OUT")
local report = { errors = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(report) }, out)
  vim.cmd("qa!")
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "railguard",
  cmd = { os.getenv("RG_PYTHON"), "-m", "railguard", "lsp" },
  root_dir = root,
  settings = { railguard = { debounceMs = 0 } },
})
vim.lsp.buf_attach_client(bufnr, client_id)

if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
  table.insert(report.errors, "no diagnostics within 30 s")
  return finish()
end
report.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(report.diagnostics, {
    lnum = d.lnum, col = d.col, message = d.message, source = d.source, severity = d.severity,
    code = lsp.code,
  })
end

-- ask for code actions on the first diagnostic and apply the preferred quick fix
local d = vim.diagnostic.get(bufnr)[1]
-- as vim.lsp.buf.code_action() does: the diagnostic in LSP shape, plus what user_data kept
local lsp_diag = vim.tbl_extend("keep", {
  range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
  severity = d.severity, message = d.message, source = d.source,
}, (d.user_data or {}).lsp or {})
local client = vim.lsp.get_client_by_id(client_id)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
  context = { diagnostics = { lsp_diag } },
}
local resp = client.request_sync("textDocument/codeAction", params, 20000, bufnr)
local chosen = nil
report.actions = {}
for _, action in ipairs((resp and resp.result) or {}) do
  table.insert(report.actions, action.title)
  if action.isPreferred then chosen = action end
end
if not chosen then
  table.insert(report.errors, "no preferred quick fix")
  return finish()
end
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
report.text = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50) then
  table.insert(report.errors, "diagnostics not cleared after the fix")
end
report.after = #vim.diagnostic.get(bufnr)
client.stop()
finish()
