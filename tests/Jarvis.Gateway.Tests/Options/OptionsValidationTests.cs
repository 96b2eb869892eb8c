using Jarvis.Gateway.Extensions;
using Jarvis.Gateway.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jarvis.Gateway.Tests.Options;

/// <summary>Every gateway option is an immutable record bound from configuration and checked before the gateway serves.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void The_shipped_configuration_is_valid_and_binds_into_the_records()
    {
        var appsettings = Path.Combine(GatewayProjectDirectory(), "appsettings.json");
        using var services = Services(new ConfigurationBuilder().AddJsonFile(appsettings).Build());

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(new WindowLimit { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) }, services.GetRequiredService<IOptions<RateLimitOptions>>().Value.LoginPerUsername);
        Assert.Equal(TimeSpan.FromSeconds(30), services.GetRequiredService<IOptions<RequestLimitOptions>>().Value.RequestTimeout);
        Assert.Equal(8443, services.GetRequiredService<IOptions<TlsOptions>>().Value.Port);
        Assert.Empty(services.GetRequiredService<IOptions<GatewayOptions>>().Value.PublicOrigins);
    }

    [Fact]
    public void Public_origins_bind_as_a_list()
    {
        using var services = Services(Configuration(("Gateway:PublicOrigins:0", "https://jarvis.example.org"), ("Gateway:PublicOrigins:1", "http://192.168.1.10:8080")));

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(["https://jarvis.example.org", "http://192.168.1.10:8080"], services.GetRequiredService<IOptions<GatewayOptions>>().Value.PublicOrigins);
    }

    [Theory]
    [InlineData("Gateway:RateLimits:PerUser:PermitLimit", "0", "Gateway:RateLimits:PerUser needs PermitLimit >= 1 and a positive Window.")]
    [InlineData("Gateway:RateLimits:LoginPerAddress:Window", "-00:00:01", "Gateway:RateLimits:LoginPerAddress needs PermitLimit >= 1 and a positive Window.")]
    [InlineData("Gateway:RateLimits:MessageSend:TokensPerPeriod", "0", "Gateway:RateLimits:MessageSend needs TokenLimit and TokensPerPeriod >= 1")]
    [InlineData("Gateway:PublicOrigins:0", "https://jarvis.example.org/app", "Gateway:PublicOrigins:0 is 'https://jarvis.example.org/app', not an origin")]
    [InlineData("Gateway:PublicOrigins:0", "jarvis.example.org", "Gateway:PublicOrigins:0 is 'jarvis.example.org', not an origin")]
    [InlineData("Gateway:WebRoot", "/nonexistent/jarvis-web", "Gateway:WebRoot names '/nonexistent/jarvis-web', which does not exist.")]
    [InlineData("Gateway:Session:IdleTimeout", "00:00:00", "Gateway:Session needs a positive IdleTimeout")]
    [InlineData("Gateway:Session:TokenReuse", "00:10:00", "Gateway:Session:TokenReuse must be between 0 and 4 minutes")]
    [InlineData("Gateway:Limits:MaxRequestBodySize", "-1", "MaxRequestBodySize")]
    [InlineData("Gateway:Limits:RequestTimeout", "00:00:00", "RequestTimeout")]
    [InlineData("Gateway:Tls:Port", "70000", "Port")]
    [InlineData("Gateway:Tls:Address", "the-lan", "Gateway:Tls:Address must be *, localhost or an IP address.")]
    [InlineData("Gateway:Tls:CertificatePath", "/nonexistent/gateway.crt", "Gateway:Tls:CertificatePath names a file that does not exist.")]
    public void A_nonsensical_value_fails_the_start_with_a_message_naming_it(string key, string value, string message)
    {
        using var services = Services(Configuration((key, value)));

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tls_password_never_appears_when_the_options_are_printed()
    {
        var tls = new TlsOptions { CertificatePath = "/etc/jarvis/gateway.pfx", Password = "hunter2-pfx" };

        Assert.DoesNotContain("hunter2-pfx", tls.ToString(), StringComparison.Ordinal);
        Assert.Contains("/etc/jarvis/gateway.pfx", tls.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The gateway's source folder, whose appsettings.json is the one shipped.</summary>
    public static string GatewayProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "gateway", "Jarvis.Gateway");
            if (File.Exists(Path.Combine(project, "appsettings.json")))
            {
                return project;
            }
        }

        throw new DirectoryNotFoundException("gateway/Jarvis.Gateway not found above " + AppContext.BaseDirectory);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    private static ServiceProvider Services(IConfiguration configuration) => new ServiceCollection()
        .AddSingleton(configuration)
        .AddSingleton<IHostEnvironment>(new Environment())
        .AddGatewayOptions()
        .BuildServiceProvider();

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Jarvis.Gateway";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
