using Jarvis.ServiceDefaults.Contracts;

namespace Jarvis.ServiceDefaults.Tests.Contracts;

public sealed class SessionRevocationMarkTests
{
    private static readonly Guid Ada = Guid.Parse("0190f2a4-7c1e-7d3a-9b2e-3f4a5b6c7d8e");

    [Fact]
    public void The_key_is_the_one_chat_writes_and_the_gateway_reads_whichever_form_of_the_id_it_is_given()
    {
        Assert.Equal("jarvis:users:0190f2a4-7c1e-7d3a-9b2e-3f4a5b6c7d8e:sessions-valid-after", SessionRevocationMark.Key(Ada));
        Assert.Equal(SessionRevocationMark.Key(Ada), SessionRevocationMark.Key(Ada.ToString()));
    }

    [Fact]
    public void The_value_is_the_moment_in_unix_milliseconds_and_reads_back()
    {
        var moment = DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_123);

        Assert.Equal("1765000000123", SessionRevocationMark.Value(moment));
        Assert.True(SessionRevocationMark.TryRead(SessionRevocationMark.Value(moment), out var read));
        Assert.Equal(1_765_000_000_123, read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void No_mark_or_a_mark_that_is_not_a_number_reads_as_none(string? value) =>
        Assert.False(SessionRevocationMark.TryRead(value, out _));
}
