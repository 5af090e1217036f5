-- Headless Neovim 0.7 as a real LSP client: attach hf-rate-guard-ls to a Python buffer, wait for pushed
-- diagnostics, apply the preferred quick fix through the server's code action, write the file, and report
-- what happened as JSON in $HFRG_RESULT.
local server = os.getenv("HFRG_SERVER")
local file = os.getenv("HFRG_FILE")
local result_path = os.getenv("HFRG_RESULT")
local result = { diagnostics = {}, applied = false }

local function finish()
  local f = io.open(result_path, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

vim.cmd("edit " .. file)
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = "python"

local client_id = vim.lsp.start_client({
  name = "hf-rate-guard",
  cmd = { "node", server, "--stdio" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
vim.lsp.buf_attach_client(bufnr, client_id)

local function wait(ms, predicate)
  return vim.wait(ms, predicate, 20)
end

local got = wait(20000, function()
  return #vim.diagnostic.get(bufnr) > 0
end)
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(result.diagnostics, { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), line = d.lnum, message = d.message })
end
if not got then
  result.error = "no diagnostics"
  return finish()
end

-- Back to LSP form (range, source, code, data) the way Neovim's own code-action request does it.
local first = vim.diagnostic.get(bufnr)[1]
local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, first.lnum)
local client = vim.lsp.get_client_by_id(client_id)
local response = client.request_sync("textDocument/codeAction", {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = lsp_diags[1].range,
  context = { diagnostics = lsp_diags },
}, 10000, bufnr)
for _, action in ipairs((response and response.result) or {}) do
  if action.isPreferred and action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
    result.applied = true
    result.title = action.title
    break
  end
end
vim.cmd("write")
-- After the edit the server re-analyses: the HF001 must be gone.
wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == "HF001" then return false end
  end
  return true
end)
result.after = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(result.after, d.code)
end
finish()
