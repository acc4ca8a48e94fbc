-- The creact language server with a second real client: Neovim's built-in LSP client (the 0.7 API, which
-- is what Debian ships: vim.lsp.start_client and buf_attach_client, no vim.lsp.start). Opens
-- infrastructure.tsx of a copy of examples/hello, checks the `+ create` notes and the code lenses, edits
-- the buffer and checks the unsaved edit is planned. Run by scripts/test-neovim, which sets
-- CREACT_JAVA, CREACT_JAR and CREACT_PROJECT (the copy) and runs
--   nvim --headless -u NONE -i NONE -n -c "luafile scripts/neovim/lsp_test.lua"
-- Prints one line per check and `N passed, N failed` last; exits 0 only when every check passed.

local TIMEOUT = 60000 -- ms for each wait on the server
local BUDGET = 140000 -- ms for all of them: the test reports well within scripts/test-neovim's `timeout 180`
local started = vim.loop.hrtime() / 1e6

--- `ms`, cut to what is left of the budget (at least 1).
local function within_budget(ms)
  return math.max(1, math.min(ms, BUDGET - (vim.loop.hrtime() / 1e6 - started)))
end

local passed, failed = 0, 0

local function out(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

local function check(ok, what, detail)
  if ok then
    passed = passed + 1
    out("ok   " .. what)
  else
    failed = failed + 1
    out("FAIL " .. what .. (detail and (": " .. detail) or ""))
  end
  return ok
end

local function finish()
  out(string.format("%d passed, %d failed", passed, failed))
  if failed == 0 then
    vim.cmd("qall!")
  else
    vim.cmd("cquit 1")
  end
end

local function env(name)
  local v = os.getenv(name)
  if not v or v == "" then error(name .. " is not set (run scripts/test-neovim)") end
  return v
end

--- The 0-based index of the first of `lines` from 0-based `from` on containing `needle` (plain text), or nil.
local function line_in(lines, needle, from)
  for i = (from or 0) + 1, #lines do
    if lines[i]:find(needle, 1, true) then return i - 1 end
  end
  return nil
end

--- The same in a buffer's current text.
local function line_of(bufnr, needle, from)
  return line_in(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), needle, from)
end

--- The creact `+ create` notes of a buffer as { [line] = first line of the message, ... } and their count.
local function creates(bufnr)
  local at, n = {}, 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == "creact" and d.message:sub(1, 8) == "+ create" then
      at[d.lnum] = d.message:match("^[^\n]*")
      n = n + 1
    end
  end
  return at, n
end

local function describe(bufnr)
  local parts = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(parts, string.format("[%d %s sev=%s] %s", d.lnum, tostring(d.source), tostring(d.severity),
      d.message:match("^[^\n]*")))
  end
  return #parts == 0 and "(none)" or table.concat(parts, "; ")
end

--- Expected { [line] = message } for the given { needle, message } pairs; nil when a needle is missing.
local function expected(bufnr, pairs_)
  local want = {}
  for _, p in ipairs(pairs_) do
    local l = line_of(bufnr, p[1])
    if not l then return nil, "no line contains " .. p[1] end
    want[l] = p[2]
  end
  return want
end

local function same(a, b)
  for k, v in pairs(a) do if b[k] ~= v then return false end end
  for k, v in pairs(b) do if a[k] ~= v then return false end end
  return true
end

local function show(t)
  local keys = vim.tbl_keys(t)
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do table.insert(parts, k .. "=" .. t[k]) end
  return "{" .. table.concat(parts, ", ") .. "}"
end

--- The lenses of a buffer, asked for synchronously: a list of { line, title, command }, or nil and why.
local function lenses(bufnr)
  local results, err = vim.lsp.buf_request_sync(bufnr, "textDocument/codeLens",
    { textDocument = vim.lsp.util.make_text_document_params(bufnr) }, within_budget(10000))
  if not results then return nil, "no answer: " .. tostring(err) end
  local list = {}
  for _, r in pairs(results) do
    if r.err then return nil, vim.inspect(r.err) end
    for _, lens in ipairs(r.result or {}) do
      table.insert(list, { line = lens.range.start.line, title = lens.command and lens.command.title or "",
        command = lens.command and lens.command.command or "" })
    end
  end
  return list
end

local exit_code -- set when the server process ends

--- vim.wait for `predicate`, giving up early when the server has ended; returns whether it holds.
local function wait_for(predicate, timeout)
  vim.wait(within_budget(timeout or TIMEOUT), function() return exit_code ~= nil or predicate() end, 50)
  return predicate() and true or false
end

local function run()
  local java, jar, project = env("CREACT_JAVA"), env("CREACT_JAR"), env("CREACT_PROJECT")
  local entry = project .. "/infrastructure.tsx"
  local service = project .. "/components/service.tsx"

  local client_id = vim.lsp.start_client({
    name = "creact",
    cmd = { java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xss16m",
      "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar, "lsp" },
    cmd_cwd = project,
    root_dir = project,
    init_options = { stack = "dev" },
    on_exit = function(code) exit_code = code end,
  })
  if not check(client_id ~= nil, "vim.lsp.start_client starts `creact lsp`") then return end

  vim.cmd("edit " .. vim.fn.fnameescape(entry))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = "typescriptreact" -- -u NONE detects no filetypes; it is the languageId sent
  vim.lsp.buf_attach_client(bufnr, client_id)

  local client = vim.lsp.get_client_by_id(client_id)
  if not check(wait_for(function() return client.initialized end)
      and client.server_capabilities ~= nil and client.server_capabilities.codeLensProvider ~= nil,
      "the server initializes and offers code lenses", "exit code " .. tostring(exit_code)) then
    client.stop(true)
    return
  end

  -- 1. The initial plan: 3 creates in infrastructure.tsx, 2 in components/service.tsx.
  local want = assert(expected(bufnr, {
    { "useInstance(LocalDirectory", "+ create site.root (local:Directory)" },
    { "useInstance(RandomId", "+ create site.suffix (local:RandomId)" },
    { "useInstance(LocalFile", "+ create site.index (local:File)" },
  }))
  local arrived = wait_for(function() return select(2, creates(bufnr)) == 3 end)
  local got = creates(bufnr)
  check(arrived and same(got, want), "3 `+ create` notes in infrastructure.tsx at the useInstance lines",
    "want " .. show(want) .. ", got " .. describe(bufnr))
  local all_info = #vim.diagnostic.get(bufnr) > 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source ~= "creact" or d.severity ~= vim.diagnostic.severity.INFO then all_info = false end
  end
  check(all_info, "they are Information diagnostics from source creact", describe(bufnr))

  -- The server publishes for an imported file that is not open; Neovim keeps them on an unloaded buffer.
  local sbuf = vim.fn.bufadd(service)
  local sline0 = line_in(vim.fn.readfile(service), "useInstance(LocalFile") or -1
  wait_for(function() return select(2, creates(sbuf)) == 2 end)
  local smsgs = {}
  for _, d in ipairs(vim.diagnostic.get(sbuf)) do
    if d.source == "creact" and d.lnum == sline0 then table.insert(smsgs, d.message:match("^[^\n]*")) end
  end
  table.sort(smsgs)
  check(#smsgs == 2 and smsgs[1] == "+ create site.api.config (local:File)"
    and smsgs[2] == "+ create site.worker.config (local:File)",
    "2 `+ create` notes in components/service.tsx at its useInstance line", describe(sbuf))

  -- 2. Code lenses: the summary and Deploy on line 0, one per resource.
  local list, why = lenses(bufnr)
  local top, per = {}, {}
  for _, l in ipairs(list or {}) do
    if l.line == 0 then table.insert(top, l) else per[l.line] = l.title end
  end
  local summary = top[1] and top[1].title or ""
  check(summary == "Plan: 5 to create, 0 to update, 0 to replace, 0 to delete",
    "the line-0 lens is the plan summary", why or ("got " .. vim.inspect(top)))
  local deploy = false
  for _, l in ipairs(top) do
    if l.title == "Deploy" and l.command == "creact.deploy" then deploy = true end
  end
  check(deploy, "a Deploy lens (creact.deploy) on line 0", why or vim.inspect(top))
  local want_lens = {}
  for line, msg in pairs(want) do want_lens[line] = msg:match("^(%+ create %S+)") end
  check(same(per, want_lens), "one `+ create` lens per resource at its line",
    "want " .. show(want_lens) .. ", got " .. show(per))

  -- 3. An unsaved edit through the buffer: a new resource inside Site, after the suffix line.
  local at = line_of(bufnr, "useInstance(RandomId") + 1
  vim.api.nvim_buf_set_lines(bufnr, at, at, false,
    { '  useInstance(LocalFile, { key: "extra", path: "out/extra.txt", content: "x" });' })
  local want2 = {}
  want2[line_of(bufnr, "useInstance(LocalDirectory")] = "+ create site.root (local:Directory)"
  want2[line_of(bufnr, "useInstance(RandomId")] = "+ create site.suffix (local:RandomId)"
  want2[at] = "+ create site.extra (local:File)"
  want2[line_of(bufnr, "useInstance(LocalFile", at + 1)] = "+ create site.index (local:File)" -- one line lower
  arrived = wait_for(function() return select(2, creates(bufnr)) == 4 end)
  got = creates(bufnr)
  check(arrived and same(got, want2), "after the edit: 4 `+ create` notes, site.extra at the new line",
    "want " .. show(want2) .. ", got " .. describe(bufnr))
  list, why = lenses(bufnr)
  summary = ""
  for _, l in ipairs(list or {}) do
    if l.line == 0 and summary == "" then summary = l.title end
  end
  check(summary == "Plan: 6 to create, 0 to update, 0 to replace, 0 to delete",
    "after the edit the summary lens counts 6 to create", why or ("got " .. summary))

  -- 4. Shutdown and exit: the server ends with 0.
  client.stop()
  wait_for(function() return exit_code ~= nil end, 15000)
  check(exit_code == 0, "the server exits with 0 after shutdown and exit", "exit code " .. tostring(exit_code))
end

local ok, err = xpcall(run, debug.traceback)
check(ok, "the test ran to its end", tostring(err))
finish()
