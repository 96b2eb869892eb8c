using System.Text.Json.Nodes;

namespace Jarvis.ServiceDefaults.Validation;

/// <summary>
/// Text PostgreSQL can store. It refuses U+0000 in <c>text</c> (SQLSTATE 22021) and in <c>jsonb</c>
/// (22P05), and an unpaired UTF-16 surrogate has no UTF-8 form at all, so both are refused at the
/// edge as a 400 naming the field, before any lookup, in every service.
/// </summary>
public static class StorableText
{
    /// <summary>Why <paramref name="value"/> cannot be stored, or null when it can (null and empty can).</summary>
    public static string? Refusal(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var span = value.AsSpan();
        if (span.Contains('\0'))
        {
            return "must not contain the NUL character (U+0000)";
        }

        var surrogate = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (surrogate < 0)
        {
            return null;
        }

        for (var i = surrogate; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                return "must not contain an unpaired UTF-16 surrogate";
            }
        }

        return null;
    }

    public static bool IsStorable(string? value) => Refusal(value) is null;

    /// <summary>Adds an error for <paramref name="field"/> when the value cannot be stored; true when it can.</summary>
    public static bool Check(string? value, string field, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Refusal(value) is not { } refusal)
        {
            return true;
        }

        errors[field] = [$"{field} {refusal}."];
        return false;
    }

    /// <summary>
    /// The first string (value or property name) in a JSON tree that cannot be stored, as a path from
    /// <paramref name="root"/> (e.g. <c>args.text</c>) with the reason; null when every string can be.
    /// </summary>
    public static (string Path, string Refusal)? Find(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (Refusal(name) is { } nameRefusal)
                    {
                        return (root, "has a property name that " + nameRefusal);
                    }

                    if (Find(child, $"{root}.{name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Find(array[i], $"{root}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return Refusal(text) is { } refusal ? (root, refusal) : null;
            default:
                return null;
        }
    }
}
