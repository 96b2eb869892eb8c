using System.Globalization;
using System.Net;
using Jarvis.Monitor.Checks;
using Jarvis.Monitor.Model;
using Jarvis.ServiceDefaults.Validation;

namespace Jarvis.Monitor.Apis;

/// <summary>
/// Validation at the edge: every error lands in a field-keyed dictionary that becomes a 400 validation problem,
/// so a malformed check is refused with a clear message and never reaches a runner.
/// </summary>
internal static class InputRules
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;
    public const int MaxTextLength = 500;
    public const int MaxUrlLength = 2000;
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    private static readonly Dictionary<string, CheckKind> UserKinds = new(StringComparer.Ordinal)
    {
        ["http"] = CheckKind.Http, ["tcp"] = CheckKind.Tcp, ["dns"] = CheckKind.Dns, ["tls"] = CheckKind.Tls, ["mqtt"] = CheckKind.MqttFreshness,
    };

    public static int Limit(string? raw, Dictionary<string, string[]> errors)
    {
        if (raw is null)
        {
            return DefaultLimit;
        }

        if (!decimal.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors["limit"] = ["limit must be an integer (it is clamped to 1..1000)."];
            return DefaultLimit;
        }

        return (int)Math.Clamp(value, 1, MaxLimit);
    }

    public static long? Cursor(string? raw, string field, Dictionary<string, string[]> errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        errors[field] = [$"{field} must be a positive integer (the nextBefore of the previous page)."];
        return null;
    }

    public static Guid? Id(string? raw, string field, Dictionary<string, string[]> errors)
    {
        if (Guid.TryParseExact(raw, "D", out var id))
        {
            return id;
        }

        errors[field] = [$"{field} must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."];
        return null;
    }

    public static void CheckIdentifier(string? id, string field, Dictionary<string, string[]> errors)
    {
        if (!CheckId.IsValid(id))
        {
            errors[field] = [$"{field} must be 1 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit."];
        }
    }

    public static DateTimeOffset? Time(string? raw, string field, Dictionary<string, string[]> errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        errors[field] = [$"{field} must be an ISO 8601 time such as 2026-12-07T10:00:00Z."];
        return null;
    }

    /// <summary>The definition a request describes, with defaults filled in, or null with the errors named.</summary>
    public static CheckDefinition? Check(CheckRequest? request, string? id, Dictionary<string, string[]> errors)
    {
        if (request is null)
        {
            errors["body"] = ["A JSON body describing the check is required."];
            return null;
        }

        id ??= request.Id;
        CheckIdentifier(id, "id", errors);
        var name = Text(request.Name ?? id, "name", 100, required: true, errors);
        CheckKind kind = default;
        if (request.Kind is null || !UserKinds.TryGetValue(request.Kind, out kind))
        {
            errors["kind"] = ["kind must be one of http, tcp, dns, tls, mqtt."];
        }

        var interval = Range(request.IntervalSeconds, "intervalSeconds", 1, 86_400, 60, errors);
        var timeout = Range(request.TimeoutMs, "timeoutMs", 100, 60_000, (int)Math.Clamp(interval * 800L, 500, 10_000), errors);
        var failures = Range(request.FailureThreshold, "failureThreshold", 1, 100, CheckDefinition.DefaultFailureThreshold, errors);
        var successes = Range(request.SuccessThreshold, "successThreshold", 1, 100, 1, errors);
        var maintenance = request.Maintenance ?? [];
        if (maintenance.Count > 50)
        {
            errors["maintenance"] = ["At most 50 maintenance windows."];
        }
        else if (maintenance.Any(w => w is null || w.End <= w.Start))
        {
            errors["maintenance"] = ["Each maintenance window needs a start before its end."];
        }

        var check = new CheckDefinition
        {
            Id = id ?? "",
            Name = name ?? "",
            Kind = kind,
            Paused = request.Paused ?? false,
            IntervalSeconds = interval,
            TimeoutMs = timeout,
            FailureThreshold = failures,
            SuccessThreshold = successes,
            Maintenance = maintenance,
        };

        check = kind switch
        {
            CheckKind.Http => Http(request, check, errors),
            CheckKind.Tcp => check with { Host = Host(request.Host, errors), Port = Port(request.Port, null, errors) },
            CheckKind.Tls => check with
            {
                Host = Host(request.Host, errors),
                Port = Port(request.Port, 443, errors),
                CertificateMinDays = Range(request.CertificateMinDays, "certificateMinDays", 0, 3650, TlsProbe.DefaultMinDays, errors),
            },
            CheckKind.Dns => check with { Host = Host(request.Host, errors), ExpectedAddress = Address(request.ExpectedAddress, errors) },
            CheckKind.MqttFreshness => check with
            {
                Topic = Topic(request.Topic, errors),
                MaxSilenceSeconds = Range(request.MaxSilenceSeconds, "maxSilenceSeconds", 1, 7 * 86_400, 600, errors),
            },
            _ => check,
        };

        return errors.Count == 0 ? check : null;
    }

    public static string? Text(string? value, string field, int max, bool required, Dictionary<string, string[]> errors)
    {
        if (!StorableText.Check(value, field, errors))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = [$"{field} is required."];
            }

            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > max)
        {
            errors[field] = [$"{field} must be at most {max} characters."];
        }

        return trimmed;
    }

    /// <summary>An absolute http or https URL.</summary>
    public static string? Url(string? raw, string field, Dictionary<string, string[]> errors)
    {
        if (raw is null || raw.Length > MaxUrlLength || !Uri.TryCreate(raw, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            errors[field] = [$"{field} must be an absolute http or https URL of at most {MaxUrlLength} characters."];
            return null;
        }

        return uri.AbsoluteUri;
    }

    private static CheckDefinition Http(CheckRequest request, CheckDefinition check, Dictionary<string, string[]> errors)
    {
        var method = (request.Method ?? "GET").ToUpperInvariant();
        if (!Methods.Contains(method, StringComparer.Ordinal))
        {
            errors["method"] = [$"method must be one of {string.Join(", ", Methods)}."];
        }

        if (request.ExpectedStatus is { } status && status is < 100 or > 599)
        {
            errors["expectedStatus"] = ["expectedStatus must be an HTTP status between 100 and 599."];
        }

        if (request.JsonPath is { } path && !JsonPathExpression.IsValid(path))
        {
            errors["jsonPath"] = ["jsonPath must look like $.status or $.items[0].state (names and indexes only)."];
        }

        if (request.JsonEquals is not null && request.JsonPath is null)
        {
            errors["jsonEquals"] = ["jsonEquals needs a jsonPath."];
        }

        return check with
        {
            Url = Url(request.Url, "url", errors),
            Method = method,
            ExpectedStatus = request.ExpectedStatus,
            BodyContains = Text(request.BodyContains, "bodyContains", MaxTextLength, required: false, errors),
            JsonPath = request.JsonPath,
            JsonEquals = Text(request.JsonEquals, "jsonEquals", MaxTextLength, required: false, errors),
            MaxResponseMs = request.MaxResponseMs is null ? null : Range(request.MaxResponseMs, "maxResponseMs", 1, 60_000, 0, errors),
        };
    }

    private static int Range(int? value, string field, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return fallback;
        }

        if (value < min || value > max)
        {
            errors[field] = [$"{field} must be between {min} and {max}."];
            return fallback;
        }

        return value.Value;
    }

    private static string? Host(string? host, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(host) || host.Length > 253 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors["host"] = ["host must be a host name or an IP address."];
            return null;
        }

        return host;
    }

    private static int? Port(int? port, int? fallback, Dictionary<string, string[]> errors)
    {
        if ((port ?? fallback) is not { } value || value is < 1 or > 65_535)
        {
            errors["port"] = ["port must be between 1 and 65535."];
            return null;
        }

        return value;
    }

    private static string? Address(string? address, Dictionary<string, string[]> errors)
    {
        if (address is null)
        {
            return null;
        }

        if (!IPAddress.TryParse(address, out _))
        {
            errors["expectedAddress"] = ["expectedAddress must be an IPv4 or IPv6 address."];
            return null;
        }

        return address;
    }

    private static string? Topic(string? topic, Dictionary<string, string[]> errors)
    {
        if (!StorableText.Check(topic, "topic", errors))
        {
            return null;
        }

        if (string.IsNullOrEmpty(topic) || topic.Length > 512 || topic.StartsWith('$')
            || topic.Split('/').Any(level => (level.Contains('#', StringComparison.Ordinal) && level != "#") || (level.Contains('+', StringComparison.Ordinal) && level != "+"))
            || (topic.Contains('#', StringComparison.Ordinal) && !topic.EndsWith('#')))
        {
            errors["topic"] = ["topic must be an MQTT topic or filter of at most 512 characters ('+' and '#' as whole levels, '#' last)."];
            return null;
        }

        return topic;
    }
}
