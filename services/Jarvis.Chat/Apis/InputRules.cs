using System.Globalization;
using System.Text.RegularExpressions;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Validation;

namespace Jarvis.Chat.Apis;

/// <summary>
/// Validation at the edge: every error lands in a field-keyed dictionary that becomes a 400
/// validation problem (audit findings 3 and 7). Every text is first checked to be storable
/// (<see cref="StorableText"/>: no NUL, no unpaired surrogate), so PostgreSQL never refuses it.
/// </summary>
internal static partial class InputRules
{
    public const int MaxContentLength = 16_000;
    public const int MaxClientIdLength = 64;
    public const int MaxQueryLength = 200;
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;

    public static Guid? Id(string? raw, string field, Dictionary<string, string[]> errors)
    {
        // "D" only: exactly 36 characters with hyphens, nothing a path or SQL could ride on.
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
                errors["before"] = ["before must be a positive integer (an audit entry id)."];
            }
        }

        return new(Limit(limit, errors), cursor);
    }

    /// <summary>A title, when given, is 1..200 characters and not blank; returns it trimmed.</summary>
    public static string? Title(string? title, Dictionary<string, string[]> errors)
    {
        if (title is null || !StorableText.Check(title, "title", errors))
        {
            return title;
        }

        var trimmed = title.Trim();
        if (trimmed.Length == 0)
        {
            errors["title"] = ["title must not be blank."];
        }
        else if (trimmed.Length > ConversationTitle.MaxLength)
        {
            errors["title"] = [$"title must be at most {ConversationTitle.MaxLength} characters."];
        }

        return trimmed;
    }

    public static void Content(string? content, Dictionary<string, string[]> errors)
    {
        if (!StorableText.Check(content, "content", errors))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(content))
        {
            errors["content"] = ["content is required and must not be blank."];
        }
        else if (content.Length > MaxContentLength)
        {
            errors["content"] = [$"content must be at most {MaxContentLength} characters."];
        }
    }

    public static void ClientId(string? clientId, Dictionary<string, string[]> errors)
    {
        if (!StorableText.Check(clientId, "clientId", errors))
        {
            return;
        }

        if (clientId is null || !ClientIdPattern().IsMatch(clientId))
        {
            errors["clientId"] = [$"clientId is required: 1 to {MaxClientIdLength} characters of A-Z, a-z, 0-9, '_' and '-'."];
        }
    }

    public static void Username(string? username, Dictionary<string, string[]> errors)
    {
        if (!StorableText.Check(username, "username", errors))
        {
            return;
        }

        if (username is null || !UsernamePattern().IsMatch(username))
        {
            errors["username"] = ["username is required: 2 to 32 characters of letters, digits, '.', '_' and '-', starting with a letter or digit."];
        }
    }

    public static void Password(string? password, Dictionary<string, string[]> errors)
    {
        // Only its hash is stored, but a lone surrogate would be hashed as U+FFFD: two passwords, one hash.
        if (!StorableText.Check(password, "password", errors))
        {
            return;
        }

        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            errors["password"] = [$"password must be {MinPasswordLength} to {MaxPasswordLength} characters."];
        }
    }

    public static void Role(string? role, Dictionary<string, string[]> errors)
    {
        if (!UserRoles.IsValid(role))
        {
            errors["role"] = ["role must be 'admin' or 'user'."];
        }
    }

    public static void Query(string? query, Dictionary<string, string[]> errors)
    {
        if (!StorableText.Check(query, "q", errors))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            errors["q"] = ["q is required."];
        }
        else if (query.Length > MaxQueryLength)
        {
            errors["q"] = [$"q must be at most {MaxQueryLength} characters."];
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{1,31}\z")]
    private static partial Regex UsernamePattern();
}
