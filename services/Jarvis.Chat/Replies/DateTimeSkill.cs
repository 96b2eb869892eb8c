using System.Globalization;

namespace Jarvis.Chat.Replies;

/// <summary>"what time is it", "what's the date", "what day is it" (phrases, so "weather today" is not a date question): from the host's clock and time zone.</summary>
public sealed class DateTimeSkill(TimeProvider time) : IReplySource
{
    public ValueTask<string?> TryReplyAsync(ReplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asksTime = request.HasPhrase("what time", "the time", "time is it", "current time", "time now");
        var asksDate = request.HasPhrase("what day", "which day", "the date", "what date", "today's date", "day is it", "day today");
        if (!asksTime && !asksDate)
        {
            return ValueTask.FromResult<string?>(null);
        }

        var zone = time.LocalTimeZone;
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        var culture = CultureInfo.InvariantCulture;
        var clock = now.ToString("HH:mm", culture);
        var date = now.ToString("dddd, d MMMM yyyy", culture);
        var reply = (asksTime, asksDate) switch
        {
            (true, true) => $"It is {clock} ({zone.Id}) on {date}.",
            (true, false) => $"It is {clock} ({zone.Id}).",
            _ => $"Today is {date}.",
        };
        return ValueTask.FromResult<string?>(reply);
    }
}
