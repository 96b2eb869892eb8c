using Jarvis.Chat.Replies;
using Microsoft.Extensions.Time.Testing;

namespace Jarvis.Chat.Tests.Replies;

public sealed class AssistantRepliesTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 1, 20, 45, 0, TimeSpan.Zero));

    private static AssistantReplies Jarvis(params IReplySource[] extra) =>
        new([new HelpSkill(), new DateTimeSkill(Clock), new GreetingSkill(), .. extra]);

    [Theory]
    [InlineData("help")]
    [InlineData("What can you do?")]
    [InlineData("?")]
    public async Task Help_lists_what_jarvis_can_do(string content) =>
        Assert.Equal(HelpSkill.Text, await Jarvis().ReplyAsync(new ReplyRequest(content, "ada"), default));

    [Theory]
    [InlineData("what time is it?", "It is 20:45 (UTC).")]
    [InlineData("What's the date?", "Today is Tuesday, 1 December 2026.")]
    [InlineData("what day is it", "Today is Tuesday, 1 December 2026.")]
    public async Task The_time_and_date_come_from_the_clock(string content, string reply)
    {
        Clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        Assert.Equal(reply, await Jarvis().ReplyAsync(new ReplyRequest(content, null), default));
    }

    [Theory]
    [InlineData("Hello!", "Hello, ada! I'm Jarvis. Type \"help\" to see what I can do.")]
    [InlineData("good morning", "Hello, ada! I'm Jarvis. Type \"help\" to see what I can do.")]
    public async Task Greetings_are_answered_by_name(string content, string reply) =>
        Assert.Equal(reply, await Jarvis().ReplyAsync(new ReplyRequest(content, "ada"), default));

    [Theory]
    [InlineData("turn on the lights")]
    [InlineData("this is nothing")]
    [InlineData("what's the weather today")]
    public async Task What_no_source_serves_gets_an_honest_answer_pointing_to_help(string content)
    {
        var reply = await Jarvis().ReplyAsync(new ReplyRequest(content, "ada"), default);
        Assert.Equal(AssistantReplies.Fallback, reply);
        Assert.Contains("can't", reply, StringComparison.Ordinal);
        Assert.Contains("help", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_are_asked_in_order_and_a_later_one_serves_what_earlier_ones_do_not()
    {
        var lights = new FixedSource("lights", "Switching the lights.");
        Assert.Equal("Switching the lights.", await Jarvis(lights).ReplyAsync(new ReplyRequest("lights please", null), default));
        Assert.Equal(HelpSkill.Text, await Jarvis(lights).ReplyAsync(new ReplyRequest("help with the lights", null), default));
    }

    private sealed class FixedSource(string word, string reply) : IReplySource
    {
        public ValueTask<string?> TryReplyAsync(ReplyRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.HasWord(word) ? reply : null);
    }
}
