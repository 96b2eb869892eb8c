-- Unit conversion: linear units through a base unit per dimension; temperatures by formula.
local units = {
  length = { m = 1, km = 1000, cm = 0.01, mm = 0.001, mi = 1609.344, yd = 0.9144, ft = 0.3048, ["in"] = 0.0254 },
  mass = { kg = 1, g = 0.001, mg = 0.000001, t = 1000, lb = 0.45359237, oz = 0.028349523125 },
  volume = { l = 1, ml = 0.001, m3 = 1000, gal = 3.785411784, qt = 0.946352946, cup = 0.2365882365 },
}
local to_kelvin = {
  c = function(v) return v + 273.15 end,
  f = function(v) return (v - 32) * 5 / 9 + 273.15 end,
  k = function(v) return v end,
}
local from_kelvin = {
  c = function(v) return v - 273.15 end,
  f = function(v) return (v - 273.15) * 9 / 5 + 32 end,
  k = function(v) return v end,
}

local function dimension(unit)
  for name, table_ in pairs(units) do
    if table_[unit] then return name end
  end
end

local function convert(value, from, to)
  from, to = from:lower(), to:lower()
  if to_kelvin[from] and from_kelvin[to] then
    return from_kelvin[to](to_kelvin[from](value))
  end
  local d1, d2 = dimension(from), dimension(to)
  if not d1 or not d2 then return nil, ("unknown unit '%s'"):format(d1 and to or from) end
  if d1 ~= d2 then return nil, ("cannot convert %s (%s) to %s (%s)"):format(from, d1, to, d2) end
  return value * units[d1][from] / units[d1][to]
end

local function round(v)
  local r = math.floor(v * 1e6 + 0.5) / 1e6
  if r == math.floor(r) and math.abs(r) < 2^53 then return math.tointeger(r) end
  return r
end

local function show(v) return tostring(round(v)) end

local function parse(text)
  if type(text) ~= "string" then return nil end
  return text:match("^%s*convert%s+([%-%d%.]+)%s*(%a+%d?)%s+to%s+(%a+%d?)%s*$")
end

local function on_command(args)
  if args.command ~= "convert" then return nil end
  local value, from, to = parse("convert " .. tostring(args.text or ""))
  if not value or not tonumber(value) then return { error = "use: convert <number> <unit> to <unit>" } end
  local result, err = convert(tonumber(value), from, to)
  if not result then return { error = err } end
  return { value = round(result), unit = to:lower(), text = ("%s %s = %s %s"):format(value, from, show(result), to) }
end

local function on_message(args)
  local value, from, to = parse(args.text)
  if not value or not tonumber(value) then return nil end
  local result = convert(tonumber(value), from, to)
  if not result then return nil end
  return ("%s %s = %s %s"):format(value, from, show(result), to)
end

return { on_command = on_command, on_message = on_message }
