using Jarvis.Plugins.Extensions;
using Jarvis.Plugins.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jarvis.Plugins.Tests.Model;

/// <summary>The <c>Plugins</c> section binds into an immutable record, checked before the service serves.</summary>
public sealed class PluginsOptionsTests
{
    [Fact]
    public void Settings_bind_into_the_record_and_pass()
    {
        using var app = Build(("Plugins:TimeoutMs", "250"), ("Plugins:Watch", "false"));

        app.Services.GetRequiredService<IStartupValidator>().Validate();

        var options = app.Services.GetRequiredService<IOptions<PluginsOptions>>().Value;
        Assert.Equal(new PluginsOptions { TimeoutMs = 250, Watch = false, MaxParallelPlugins = options.MaxParallelPlugins }, options);
    }

    [Theory]
    [InlineData("Plugins:TimeoutMs", "0", "Plugins:TimeoutMs must be 1..60000")]
    [InlineData("Plugins:MemoryMb", "4096", "Plugins:MemoryMb must be 1..1024")]
    [InlineData("Plugins:MaxParallelPlugins", "0", "Plugins:MaxParallelPlugins must be at least 1")]
    [InlineData("Plugins:StuckGraceMs", "-1", "Plugins:StuckGraceMs must be 0..60000")]
    [InlineData("Plugins:KvMaxKeys", "0", "Plugins:KvMaxKeys and Plugins:KvMaxBytes must be at least 1")]
    [InlineData("Plugins:GrpcPort", "70000", "Plugins:GrpcPort must be 0 (none) or a port up to 65535")]
    [InlineData("Plugins:Directory", " ", "Plugins:Directory must name a folder")]
    public void A_nonsensical_value_fails_the_start_with_a_message_naming_it(string key, string value, string message)
    {
        // Kestrel reads Plugins:GrpcPort when the application is built, so a refusal may come from Build already.
        var ex = Assert.Throws<OptionsValidationException>(() =>
        {
            using var app = Build((key, value));
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        });

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    private static WebApplication Build(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(
            settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))
                .Append(KeyValuePair.Create("ConnectionStrings:jarvisdb", (string?)"Host=unused.invalid;Username=jarvis")));
        builder.AddApplicationServices();
        return builder.Build();
    }
}
