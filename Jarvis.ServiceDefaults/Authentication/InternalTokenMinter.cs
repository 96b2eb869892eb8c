using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Jarvis.ServiceDefaults.Authentication;

/// <summary>
/// The one place internal tokens are made: by the gateway for a signed-in person, by a
/// service for its own calls, and by tests.
/// </summary>
public sealed class InternalTokenMinter
{
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly Func<string> _key;
    private readonly TimeProvider _time;

    public InternalTokenMinter(IOptionsMonitor<InternalAuthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = () => options.CurrentValue.SigningKey;
        _time = time;
    }

    /// <summary>For tests and tools that hold the key directly.</summary>
    public InternalTokenMinter(string signingKey, TimeProvider? time = null)
    {
        _key = () => signingKey;
        _time = time ?? TimeProvider.System;
    }

    public string Mint(InternalPrincipal principal, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var life = lifetime ?? TimeSpan.FromMinutes(2);
        if (life <= TimeSpan.Zero || life > InternalAuthOptions.MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), life, "An internal token lives at most 5 minutes.");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = InternalAuthOptions.Issuer,
            Audience = InternalAuthOptions.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + life,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, principal.Subject),
                new Claim("name", principal.Name),
                new Claim("role", principal.Role),
            ]),
            SigningCredentials = new SigningCredentials(InternalSigningKey.From(_key()), SecurityAlgorithms.HmacSha256),
        };
        return Handler.CreateToken(descriptor);
    }
}
