using System.Globalization;
using System.Text.RegularExpressions;
using Jarvis.Automation.Model;
using Jarvis.ServiceDefaults.Validation;

namespace Jarvis.Automation.Apis;

/// <summary>
/// Validation at the edge, as chat's: every error lands in a field-keyed dictionary that becomes a 400 validation
/// problem; every text is first checked to be storable (<see cref="StorableText"/>).
/// </summary>
internal static partial class InputRules
{
    public const int MaxNameLength = 100;
    public const int MaxAliases = 20;

    public static Guid? Id(string? raw, string field, Dictionary<string, string[]> errors)
    {
        if (Guid.TryParseExact(raw, "D", out var id))
        {
            return id;
        }

        errors[field] = [$"{field} must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."];
        return null;
    }

    /// <summary><c>limit</c>: absent means 50; any integer is clamped to 1..1000; anything else is an error.</summary>
    public static int Limit(string? raw, Dictionary<string, string[]> errors)
    {
        if (raw is null)
        {
            return PageRequest<Guid>.DefaultLimit;
        }

        if (!decimal.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors["limit"] = ["limit must be an integer (it is clamped to 1..1000)."];
            return PageRequest<Guid>.DefaultLimit;
        }

        return (int)Math.Clamp(value, 1, PageRequest<Guid>.MaxLimit);
    }

    public static PageRequest<Guid> GuidPage(string? limit, string? before, Dictionary<string, string[]> errors) =>
        new(Limit(limit, errors), before is null ? null : Id(before, "before", errors));

    public static EntityPageRequest EntityPage(string? limit, string? before, Dictionary<string, string[]> errors) =>
        new(Limit(limit, errors), before is null ? null : EntityId(before, "before", errors));

    public static PageRequest<long> SequencePage(string? limit, string? before, Dictionary<string, string[]> errors)
    {
        long? cursor = null;
        if (before is not null)
        {
            if (long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
            {
                cursor = parsed;
            }
            else
            {
                errors["before"] = ["before must be a positive integer (a history entry id)."];
            }
        }

        return new(Limit(limit, errors), cursor);
    }

    /// <summary>An entity id, <c>&lt;component&gt;.&lt;slug&gt;</c> as Home Assistant writes it.</summary>
    public static string? EntityId(string? raw, string field, Dictionary<string, string[]> errors)
    {
        if (raw is not null && EntityIdPattern().IsMatch(raw))
        {
            return raw;
        }

        errors[field] = [$"{field} must be an entity id: <component>.<object id> (letters, digits and '_', e.g. light.kitchen_ceiling)."];
        return null;
    }

    public static string? Component(string? raw, Dictionary<string, string[]> errors)
    {
        if (raw is null || ComponentPattern().IsMatch(raw))
        {
            return raw;
        }

        errors["component"] = ["component must be 1 to 64 characters of letters, digits, '_' and '-' (e.g. light)."];
        return null;
    }

    /// <summary>A name, when given, is 1..100 characters and not blank (or "" when <paramref name="clearable"/>); returns it trimmed.</summary>
    public static string? Name(string? name, string field, bool clearable, Dictionary<string, string[]> errors)
    {
        if (name is null || !StorableText.Check(name, field, errors))
        {
            return name;
        }

        var trimmed = name.Trim();
        if (trimmed.Length == 0 && !(clearable && name.Length == 0))
        {
            errors[field] = [clearable ? $"{field} must not be blank (\"\" clears it)." : $"{field} is required and must not be blank."];
        }
        else if (trimmed.Length > MaxNameLength)
        {
            errors[field] = [$"{field} must be at most {MaxNameLength} characters."];
        }

        return trimmed;
    }

    /// <summary>An area reference in a PATCH: null keeps, "" clears, else a UUID.</summary>
    public static (Guid? Area, bool Clear) AreaRef(string? raw, Dictionary<string, string[]> errors)
    {
        if (raw is null)
        {
            return (null, false);
        }

        if (raw.Length == 0)
        {
            return (null, true);
        }

        return (Id(raw, "area", errors), false);
    }

    public static IReadOnlyList<string>? Aliases(IReadOnlyList<string>? aliases, Dictionary<string, string[]> errors)
    {
        if (aliases is null)
        {
            return null;
        }

        if (aliases.Count > MaxAliases)
        {
            errors["aliases"] = [$"aliases holds at most {MaxAliases} names."];
            return null;
        }

        var trimmed = new List<string>();
        foreach (var alias in aliases)
        {
            if (alias is null || !StorableText.IsStorable(alias) || alias.Trim().Length is 0 or > MaxNameLength)
            {
                errors["aliases"] = [$"each alias is 1 to {MaxNameLength} characters of storable text, not blank."];
                return null;
            }

            trimmed.Add(alias.Trim());
        }

        return [.. trimmed.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>An ISO 8601 timestamp with an offset (e.g. 2026-03-01T12:00:00Z), when given.</summary>
    public static DateTimeOffset? Timestamp(string? raw, string field, Dictionary<string, string[]> errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        errors[field] = [$"{field} must be an ISO 8601 timestamp, e.g. 2026-03-01T12:00:00Z."];
        return null;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\.[a-z0-9_]{1,512}\z")]
    private static partial Regex EntityIdPattern();

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex ComponentPattern();
}
