using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jarvis.ServiceDefaults.Tests.Authentication;

public sealed class InternalAuthOptionsTests
{
    [Theory]
    [InlineData(null, "No internal signing key: the secret 'Jarvis__InternalAuth__SigningKey' is missing")]
    [InlineData("not base64!", "The internal signing key is not valid base64.")]
    [InlineData("c2hvcnQ=", "The internal signing key must hold at least 32 bytes.")]
    public async Task A_service_without_a_usable_signing_key_refuses_to_start_and_says_why(string? key, string message)
    {
        await using var app = Service(("Jarvis:InternalAuth:SigningKey", key));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_clock_skew_refuses_to_start()
    {
        await using var app = Service(("Jarvis:InternalAuth:SigningKey", ProtectedService.SigningKey), ("Jarvis:InternalAuth:ClockSkew", "-00:00:05"));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Jarvis:InternalAuth:ClockSkew must not be negative.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_with_a_good_key_starts()
    {
        await using var app = Service(("Jarvis:InternalAuth:SigningKey", ProtectedService.SigningKey));

        await app.StartAsync();
        await app.StopAsync();
    }

    [Fact]
    public void The_signing_key_never_appears_when_the_options_are_printed()
    {
        var options = new InternalAuthOptions { SigningKey = ProtectedService.SigningKey };

        Assert.DoesNotContain(ProtectedService.SigningKey, options.ToString(), StringComparison.Ordinal);
    }

    private static WebApplication Service(params (string Key, string? Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }
}
