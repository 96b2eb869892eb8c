namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>A Lua value that cannot become JSON (cycle, NaN, function, too deep, invalid UTF-8...).</summary>
internal sealed class LuaValueException(string message) : Exception(message);
