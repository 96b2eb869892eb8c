using Microsoft.IdentityModel.Tokens;

namespace Jarvis.ServiceDefaults.Authentication;

/// <summary>The validation rules every service applies to an internal token.</summary>
public static class InternalTokenValidation
{
    public static TokenValidationParameters Parameters(Func<string> signingKey, TimeSpan clockSkew) => new()
    {
        ValidIssuer = InternalAuthOptions.Issuer,
        ValidAudience = InternalAuthOptions.Audience,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKeyResolver = (_, _, _, _) => [InternalSigningKey.From(signingKey())],
        ClockSkew = clockSkew > InternalAuthOptions.MaxClockSkew ? InternalAuthOptions.MaxClockSkew : clockSkew,
        LifetimeValidator = (notBefore, expires, _, parameters) => IsLifetimeValid(notBefore, expires, parameters.ClockSkew, DateTime.UtcNow),
        NameClaimType = "name",
        RoleClaimType = "role",
    };

    /// <summary>Valid now, with skew, and never issued for longer than five minutes.</summary>
    public static bool IsLifetimeValid(DateTime? notBefore, DateTime? expires, TimeSpan skew, DateTime utcNow)
    {
        if (expires is null || notBefore is null)
        {
            return false;
        }

        if (expires.Value - notBefore.Value > InternalAuthOptions.MaxLifetime)
        {
            return false;
        }

        return utcNow + skew >= notBefore.Value && utcNow - skew < expires.Value;
    }
}
