using System.Net;
using Jarvis.Gateway.Options;
using Microsoft.Extensions.Options;

namespace Jarvis.Gateway.Extensions;

/// <summary>The gateway's options: immutable records bound from configuration, every one checked before the gateway serves.</summary>
public static class OptionsExtensions
{
    public static IServiceCollection AddGatewayOptions(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();

        services.AddOptions<SessionLifetimeOptions>().BindConfiguration(SessionLifetimeOptions.SectionName)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.AbsoluteTimeout >= o.IdleTimeout,
                "Gateway:Session needs a positive IdleTimeout and an AbsoluteTimeout at least as long.")
            .Validate(o => o.TokenReuse > TimeSpan.Zero && o.TokenReuse <= TimeSpan.FromMinutes(4),
                "Gateway:Session:TokenReuse must be between 0 and 4 minutes (an internal token lives at most 5).")
            .ValidateOnStart();

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();

        services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Address is "*" or "localhost" || IPAddress.TryParse(o.Address, out _),
                "Gateway:Tls:Address must be *, localhost or an IP address.")
            .Validate(o => !o.Enabled || File.Exists(o.CertificatePath),
                "Gateway:Tls:CertificatePath names a file that does not exist.")
            .ValidateOnStart();
        return services;
    }
}
