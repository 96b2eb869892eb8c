-- Runs once in every plugin's fresh state, before the plugin. It removes what the sandbox
-- forbids and re-implements in Lua each library function that would call plugin code from C
-- (sort comparators, gsub callbacks, __tostring, metamethods reached from table functions,
-- xpcall handlers, load readers): code called from C cannot yield, and yielding from the
-- count hook is how the execution budget stops a plugin without a longjmp across .NET frames.
local host, granted = ...

local G = _G
local debug_getmetatable = debug.getmetatable
local raw_setmetatable = setmetatable
local raw_tostring, raw_load, raw_pcall, raw_error = tostring, load, pcall, error
local raw_type, raw_select, raw_collect = type, select, collectgarbage
local rawget, tonumber = rawget, tonumber
local s_gsub, s_format = string.gsub, string.format
local t_concat, t_unpack, t_pack = table.concat, table.unpack, table.pack
local os_time, os_clock, os_date, os_difftime = os.time, os.clock, os.date, os.difftime
local m_min = math.min

-- Forbidden: files, processes, the loader, introspection, bytecode, GC control, the NLua bridge.
for _, name in ipairs({ "dofile", "loadfile", "require", "package", "io", "debug", "print", "warn",
                        "luanet", "import_type", "import", "CLRPackage" }) do
  G[name] = nil
end
string.dump = nil
G.os = { time = function(t)
  if raw_type(t) == "table" then
    -- read the fields from Lua (os.time would read them from C, running __index where no hook can stop it)
    t = { year = t.year, month = t.month, day = t.day, hour = t.hour, min = t.min, sec = t.sec, isdst = t.isdst }
  end
  return os_time(t)
end, clock = os_clock, date = os_date, difftime = os_difftime }

function G.collectgarbage(opt)
  if opt == "count" then return raw_collect("count") end
  raw_error("collectgarbage: only \"count\" is allowed in the sandbox", 2)
end

function G.setmetatable(t, mt)
  if raw_type(mt) == "table" and rawget(mt, "__gc") ~= nil then
    raw_error("setmetatable: __gc metamethods are not allowed in the sandbox", 2)
  end
  return raw_setmetatable(t, mt)
end

local function sandbox_tostring(v)
  local mt = debug_getmetatable(v)
  if mt ~= nil then
    local f = rawget(mt, "__tostring")
    if f ~= nil then
      local s = f(v)
      if raw_type(s) ~= "string" then raw_error("'__tostring' must return a string", 2) end
      return s
    end
  end
  return raw_tostring(v)
end
G.tostring = sandbox_tostring

function G.xpcall(f, handler, ...)
  local r = t_pack(raw_pcall(f, ...))
  if r[1] then return t_unpack(r, 1, r.n) end
  return false, handler(r[2])
end

function G.ipairs(t)
  return function(tt, i)
    i = i + 1
    local v = tt[i]
    if v ~= nil then return i, v end
  end, t, 0
end

function G.load(chunk, chunkname, mode, ...)
  if raw_type(chunk) == "function" then
    local parts = {}
    while true do
      local piece = chunk()
      if piece == nil or piece == "" then break end
      if raw_type(piece) ~= "string" then return nil, "reader function must return a string" end
      parts[#parts + 1] = piece
    end
    chunk = t_concat(parts)
  end
  if raw_type(chunk) ~= "string" then return nil, "load: chunk must be a string or a function" end
  if mode ~= nil and mode ~= "t" then return nil, "load: only text chunks can be loaded in the sandbox" end
  local ok, message = host.check_source(chunk)
  if not ok then return nil, message end
  if raw_select("#", ...) > 0 then return raw_load(chunk, chunkname, "t", (...)) end
  return raw_load(chunk, chunkname, "t")
end

-- string: callbacks run from Lua, and the shared string metatable is locked.
function string.gsub(s, pattern, repl, n)
  local kind = raw_type(repl)
  if kind ~= "function" and kind ~= "table" then return s_gsub(s, pattern, repl, n) end
  local found, count = {}, 0
  s_gsub(s, pattern, function(...) count = count + 1; found[count] = t_pack(...) end, n)
  local values = {}
  for i = 1, count do
    local caps = found[i]
    local v
    if kind == "function" then v = repl(t_unpack(caps, 1, caps.n)) else v = repl[caps[1]] end
    if v ~= nil and v ~= false and raw_type(v) ~= "string" and raw_type(v) ~= "number" then
      raw_error("invalid replacement value (a " .. raw_type(v) .. ")", 2)
    end
    values[i] = v or false
  end
  local k = 0
  return s_gsub(s, pattern, function() k = k + 1; return values[k] end, n)
end

function string.format(fmt, ...)
  local n = raw_select("#", ...)
  local args = t_pack(...)
  for i = 1, n do
    local a = args[i]
    if raw_type(a) == "table" then
      local mt = debug_getmetatable(a)
      if mt ~= nil and rawget(mt, "__tostring") ~= nil then args[i] = sandbox_tostring(a) end
    end
  end
  return s_format(fmt, t_unpack(args, 1, n))
end

local string_mt = debug_getmetatable("")
local function arith(event, op)
  -- the string library's own versions call the other operand's metamethod from C
  string_mt[event] = function(a, b)
    local x, y = tonumber(a), tonumber(b)
    if x ~= nil and y ~= nil then return op(x, y) end
    if raw_type(b) ~= "string" then
      local mt = debug_getmetatable(b)
      local h = mt and rawget(mt, event)
      if h ~= nil then return h(a, b) end
    end
    raw_error("attempt to perform arithmetic on a " .. raw_type(raw_type(a) == "string" and b or a) .. " value", 2)
  end
end
arith("__add", function(a, b) return a + b end)
arith("__sub", function(a, b) return a - b end)
arith("__mul", function(a, b) return a * b end)
arith("__div", function(a, b) return a / b end)
arith("__mod", function(a, b) return a % b end)
arith("__pow", function(a, b) return a ^ b end)
arith("__idiv", function(a, b) return a // b end)
arith("__unm", function(a) return -a end)
string_mt.__metatable = false

-- table: functions that could reach a metamethod from C are done in Lua for tables with a metatable.
local function plain(t) return raw_type(t) ~= "table" or debug_getmetatable(t) == nil end
local t_insert, t_remove, t_move = table.insert, table.remove, table.move

function table.concat(t, sep, i, j)
  if plain(t) then return t_concat(t, sep, i, j) end
  i = i or 1
  j = j or #t
  local parts = {}
  for k = i, j do parts[k - i + 1] = t[k] end
  return t_concat(parts, sep)
end

function table.unpack(t, i, j)
  if plain(t) then return t_unpack(t, i, j) end
  i = i or 1
  j = j or #t
  local copy = {}
  for k = i, j do copy[k - i + 1] = t[k] end
  return t_unpack(copy, 1, j - i + 1)
end

function table.insert(t, ...)
  if plain(t) then return t_insert(t, ...) end
  local argc = raw_select("#", ...)
  local n = #t
  if argc == 1 then t[n + 1] = ...; return end
  if argc ~= 2 then raw_error("wrong number of arguments to 'insert'", 2) end
  local pos, v = ...
  if raw_type(pos) ~= "number" or pos < 1 or pos > n + 1 then raw_error("bad argument #2 to 'insert' (position out of bounds)", 2) end
  for k = n, pos, -1 do t[k + 1] = t[k] end
  t[pos] = v
end

function table.remove(t, pos)
  if plain(t) then
    if pos == nil then return t_remove(t) end
    return t_remove(t, pos)
  end
  local n = #t
  pos = pos or n
  if n + 1 == pos then local v = t[pos]; t[pos] = nil; return v end
  if n > 0 and (pos < 1 or pos > n + 1) or n == 0 and pos ~= 0 and pos ~= n then
    raw_error("bad argument #2 to 'remove' (position out of bounds)", 2)
  end
  local v = t[pos]
  for k = pos, n - 1 do t[k] = t[k + 1] end
  if pos <= n then t[n] = nil end
  return v
end

function table.move(a1, f, e, t, a2)
  a2 = a2 or a1
  if plain(a1) and plain(a2) then return t_move(a1, f, e, t, a2) end
  if e >= f then
    if t > e or t <= f or a1 ~= a2 then
      for k = 0, e - f do a2[t + k] = a1[f + k] end
    else
      for k = e - f, 0, -1 do a2[t + k] = a1[f + k] end
    end
  end
  return a2
end

-- A stable merge sort in Lua: comparators and __lt run where the budget can stop them.
function table.sort(t, comp)
  if comp ~= nil and raw_type(comp) ~= "function" then
    raw_error("bad argument #2 to 'sort' (function expected, got " .. raw_type(comp) .. ")", 2)
  end
  local lt = comp or function(x, y) return x < y end
  local n = #t
  local a, b = {}, {}
  for i = 1, n do a[i] = t[i] end
  local width = 1
  while width < n do
    local i = 1
    while i <= n do
      local mid, hi = m_min(i + width, n + 1), m_min(i + 2 * width, n + 1)
      local l, r, k = i, mid, i
      while l < mid and r < hi do
        if lt(a[r], a[l]) then b[k] = a[r]; r = r + 1 else b[k] = a[l]; l = l + 1 end
        k = k + 1
      end
      while l < mid do b[k] = a[l]; l = l + 1; k = k + 1 end
      while r < hi do b[k] = a[r]; r = r + 1; k = k + 1 end
      i = hi
    end
    a, b = b, a
    width = width * 2
  end
  for i = 1, n do t[i] = a[i] end
end

-- The host API, only what the manifest was granted. Host functions answer (ok, value_or_message)
-- and the error is raised here, in Lua.
local jarvis = {}
local function checked(fn, name)
  return function(...)
    local r = t_pack(fn(...))
    if not r[1] then raw_error(name .. ": " .. raw_tostring(r[2]), 2) end
    return t_unpack(r, 2, r.n)
  end
end
if granted["jarvis.log"] then jarvis.log = checked(host.log, "jarvis.log") end
if granted["jarvis.json"] then
  jarvis.json = { encode = checked(host.json_encode, "jarvis.json.encode"),
                  decode = checked(host.json_decode, "jarvis.json.decode") }
end
if granted["jarvis.kv"] then
  jarvis.kv = { get = checked(host.kv_get, "jarvis.kv.get"),
                set = checked(host.kv_set, "jarvis.kv.set"),
                delete = checked(host.kv_delete, "jarvis.kv.delete") }
end
if granted["jarvis.mqtt.publish"] then
  jarvis.mqtt = { publish = checked(host.mqtt_publish, "jarvis.mqtt.publish") }
end
G.jarvis = jarvis
