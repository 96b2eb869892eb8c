using System.Text;

namespace Jarvis.Automation.Devices.EntityIds;

/// <summary>
/// Home Assistant's slugs: lower case, accented Latin letters folded (ü → u, ß → ss), every other run of
/// non-alphanumerics one <c>_</c>, none at the ends.
/// </summary>
public static class Slug
{
    // The service runs with invariant globalization, where string.Normalize does not decompose; fold by table.
    private static readonly Dictionary<char, string> Folds = new[]
    {
        ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđð", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"), ("śŝşšſ", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("þ", "th"),
    }.SelectMany(f => f.Item1.Select(c => (c, f.Item2))).ToDictionary(f => f.c, f => f.Item2);

    /// <summary>The slug of <paramref name="text"/>; empty when nothing alphanumeric is left.</summary>
    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new StringBuilder(text.Length);
        var gap = false;
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            var letters = char.IsAsciiLetterOrDigit(c) ? c.ToString() : Folds.GetValueOrDefault(c);
            if (letters is null)
            {
                gap = true;
                continue;
            }

            if (gap && slug.Length > 0)
            {
                slug.Append('_');
            }

            slug.Append(letters);
            gap = false;
        }

        return slug.ToString();
    }
}
