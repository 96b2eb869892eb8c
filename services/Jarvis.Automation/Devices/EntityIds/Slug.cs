using System.Globalization;
using System.Text;

namespace Jarvis.Automation.Devices.EntityIds;

/// <summary>Home Assistant's slugs: lower case, accents dropped, every other run of non-alphanumerics one <c>_</c>, none at the ends.</summary>
public static class Slug
{
    /// <summary>The slug of <paramref name="text"/>; empty when nothing alphanumeric is left.</summary>
    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new StringBuilder(text.Length);
        var gap = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (gap && slug.Length > 0)
                {
                    slug.Append('_');
                }

                slug.Append(char.ToLowerInvariant(c));
                gap = false;
            }
            else
            {
                gap = true;
            }
        }

        return slug.ToString();
    }
}
