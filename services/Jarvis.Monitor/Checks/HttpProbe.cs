using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Checks;

/// <summary>
/// HTTP(S): the method, the expected status (any 2xx by default), optionally a body substring or a JSON path
/// condition, and a response-time limit. At most <see cref="MaxBodyBytes"/> of a body are read; redirects
/// are followed up to five times, so a redirect loop fails rather than spins.
/// </summary>
public sealed class HttpProbe(ProbeHttpClient client) : IProbe
{
    public const int MaxBodyBytes = 1024 * 1024;

    public IEnumerable<CheckKind> Kinds => [CheckKind.Http];

    public async Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var http = client.Http;
        using var request = new HttpRequestMessage(new HttpMethod(check.Method ?? "GET"), check.Url);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        var statusOk = check.ExpectedStatus is { } expected ? status == expected : status is >= 200 and < 300;
        if (!statusOk)
        {
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var wanted = check.ExpectedStatus?.ToString(CultureInfo.InvariantCulture) ?? "2xx";
            var redirects = status is >= 300 and < 400 ? "; redirects are followed at most 5 times" : "";
            return ProbeResult.Fail(latency, $"HTTP {status} {response.ReasonPhrase} (expected {wanted}{redirects}).");
        }

        string? failure = null;
        if (check.BodyContains is not null || check.JsonPath is not null)
        {
            var body = await ReadLimitedAsync(response.Content, cancellationToken);
            failure = check.BodyContains is { } needle && !body.Contains(needle, StringComparison.Ordinal)
                ? $"The body does not contain '{needle}'."
                : check.JsonPath is { } path ? JsonCondition(body, path, check.JsonEquals) : null;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (failure is not null)
        {
            return ProbeResult.Fail(elapsed, failure);
        }

        return check.MaxResponseMs is { } limit && elapsed > limit
            ? ProbeResult.Fail(elapsed, $"Answered in {elapsed:F0} ms, over the {limit} ms limit.")
            : ProbeResult.Pass(elapsed, $"HTTP {status}");
    }

    private static async Task<string> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    /// <summary>Null when the value at <paramref name="path"/> equals <paramref name="expected"/> (or exists, with no expectation).</summary>
    internal static string? JsonCondition(string body, string path, string? expected)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return "The body is not JSON (or is longer than 1 MiB).";
        }

        using (document)
        {
            if (JsonPathExpression.Select(document.RootElement, path) is not { } value)
            {
                return $"{path} is not in the body.";
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            return expected is null || string.Equals(text, expected, StringComparison.Ordinal)
                ? null
                : $"{path} is {text}, expected {expected}.";
        }
    }
}
