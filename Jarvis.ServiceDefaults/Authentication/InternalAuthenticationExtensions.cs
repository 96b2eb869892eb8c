using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jarvis.ServiceDefaults.Authentication;

public static class InternalAuthenticationExtensions
{
    /// <summary>
    /// Accept only the gateway's (or a sibling service's) short-lived HS256 token; no cookie,
    /// no other scheme. Policies: <see cref="InternalPolicies"/>; the fallback requires a token.
    /// </summary>
    public static TBuilder AddInternalAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<InternalAuthOptions>().BindConfiguration(InternalAuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InternalAuthOptions>, InternalAuthOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<InternalTokenMinter>();
        services.AddSingleton(InternalPrincipal.ForService(builder.Environment.ApplicationName));
        services.AddTransient<ServiceTokenHandler>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptionsMonitor<InternalAuthOptions>>((jwt, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.RequireHttpsMetadata = false;
                jwt.Events = InternalAuthProblems.Events;
                jwt.TokenValidationParameters = InternalTokenValidation.Parameters(
                    () => auth.CurrentValue.SigningKey, auth.CurrentValue.ClockSkew);
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(InternalPolicies.User, p => p.RequireAuthenticatedUser().RequireRole(InternalRoles.User, InternalRoles.Admin))
            .AddPolicy(InternalPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(InternalRoles.Admin))
            .AddPolicy(InternalPolicies.Service, p => p.RequireAuthenticatedUser().RequireRole(InternalRoles.Service))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>Outgoing calls of this client carry this service's own token.</summary>
    public static IHttpClientBuilder AddServiceToken(this IHttpClientBuilder http) =>
        http.AddHttpMessageHandler<ServiceTokenHandler>();
}
