-- Notes on jarvis.kv: one key holds the list, so a listing is one read.
local KEY, MAX_NOTES, MAX_LENGTH = "notes", 100, 500

local function load_notes() return jarvis.kv.get(KEY) or {} end

local function on_command(args)
  if args.command ~= "note" then return nil end
  local verb, rest = tostring(args.text or ""):match("^%s*(%a+)%s*(.-)%s*$")
  local notes = load_notes()
  if verb == "add" then
    if rest == "" then return { error = "nothing to note" } end
    if #rest > MAX_LENGTH then return { error = ("a note is at most %d bytes"):format(MAX_LENGTH) } end
    if #notes >= MAX_NOTES then return { error = ("at most %d notes"):format(MAX_NOTES) } end
    notes[#notes + 1] = rest
    jarvis.kv.set(KEY, notes)
    return { added = #notes, notes = notes }
  elseif verb == "list" or verb == nil then
    return { notes = notes }
  elseif verb == "remove" then
    local i = tonumber(rest)
    if not i or not notes[i] then return { error = "no note " .. rest } end
    table.remove(notes, i)
    if #notes == 0 then jarvis.kv.delete(KEY) else jarvis.kv.set(KEY, notes) end
    return { removed = i, notes = notes }
  elseif verb == "clear" then
    jarvis.kv.delete(KEY)
    return { notes = {} }
  end
  return { error = "use: note add <text> | note list | note remove <n> | note clear" }
end

return { on_command = on_command }
