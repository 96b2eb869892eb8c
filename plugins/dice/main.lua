-- Dice rolls in the usual notation: NdS[+M|-M], for example 2d6+3.
local MAX_DICE, MAX_SIDES = 100, 1000

local function roll(spec)
  local n, sides, sign, mod = spec:match("^%s*(%d*)[dD](%d+)%s*([%+%-]?)%s*(%d*)%s*$")
  if not n then return nil, "use the form NdS+M, for example 2d6+3" end
  n = tonumber(n) or 1
  if n == 0 then n = 1 end
  sides = tonumber(sides)
  mod = tonumber(mod) or 0
  if sign == "-" then mod = -mod end
  if n > MAX_DICE or sides < 2 or sides > MAX_SIDES then
    return nil, ("at most %d dice of 2 to %d sides"):format(MAX_DICE, MAX_SIDES)
  end
  local rolls, total = {}, mod
  for i = 1, n do
    rolls[i] = math.random(sides)
    total = total + rolls[i]
  end
  return { total = total, rolls = rolls, modifier = mod, text = ("%s: %d"):format((spec:gsub("%s", "")), total) }
end

local function on_command(args)
  if args.command ~= "roll" then return nil end
  local result, err = roll(args.text or "1d6")
  if not result then return { error = err } end
  jarvis.log("rolled " .. result.text)
  return result
end

local function on_message(args)
  local spec = type(args.text) == "string" and args.text:match("^%s*roll%s+(%d*[dD]%d+%s*[%+%-]?%s*%d*)%s*$")
  if not spec then return nil end
  local result = roll(spec)
  return result and result.text or nil
end

return { on_command = on_command, on_message = on_message }
