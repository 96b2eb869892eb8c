using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Jarvis.ServiceDefaults.Tests.Authentication;

public sealed class InternalAuthenticationTests(ProtectedService service) : IClassFixture<ProtectedService>
{
    private static readonly InternalPrincipal Alice = new("6f1c4a52-1111-4c7e-9a55-0b4c7d1e2f30", "alice", InternalRoles.User);

    [Fact]
    public async Task A_good_token_is_accepted_and_its_claims_reach_the_handler()
    {
        var body = await Send("/whoami", new InternalTokenMinter(ProtectedService.SigningKey).Mint(Alice));
        Assert.Equal(HttpStatusCode.OK, body.StatusCode);
        var who = await body.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        Assert.Equal(Alice.Subject, who!["sub"]);
        Assert.Equal("alice", who["name"]);
        Assert.Equal("user", who["role"]);
    }

    [Fact]
    public async Task A_missing_token_is_refused_with_401_even_on_a_route_without_its_own_policy()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("/whoami", token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("/fallback", token: null)).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var forged = new InternalTokenMinter(Convert.ToBase64String(new byte[64])).Mint(Alice);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("/whoami", forged)).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_beyond_the_30_second_skew_but_not_within_it()
    {
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(50));
        var longExpired = new InternalTokenMinter(ProtectedService.SigningKey, past).Mint(Alice, TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("/whoami", longExpired)).StatusCode);

        var recent = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(10));
        var justExpired = new InternalTokenMinter(ProtectedService.SigningKey, recent).Mint(Alice, TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await Send("/whoami", justExpired)).StatusCode);
    }

    [Theory]
    [InlineData("jarvis-gateway", "someone-else", 2)]
    [InlineData("evil-issuer", "jarvis-internal", 2)]
    [InlineData("jarvis-gateway", "jarvis-internal", 10)]
    public async Task Tokens_with_the_wrong_audience_or_issuer_or_a_lifetime_over_five_minutes_are_refused(string issuer, string audience, int minutes)
    {
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(minutes),
            Subject = new ClaimsIdentity([new Claim("sub", Alice.Subject), new Claim("name", "alice"), new Claim("role", "user")]),
            SigningCredentials = new SigningCredentials(InternalSigningKey.From(ProtectedService.SigningKey), SecurityAlgorithms.HmacSha256),
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("/whoami", token)).StatusCode);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = InternalAuthOptions.Issuer,
            Audience = InternalAuthOptions.Audience,
            NotBefore = now,
            Expires = now.AddMinutes(1),
            Subject = new ClaimsIdentity([new Claim("sub", "x"), new Claim("role", "admin")]),
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("/admin", token)).StatusCode);
    }

    [Fact]
    public async Task A_user_token_on_an_admin_route_is_forbidden_and_an_admin_token_is_allowed()
    {
        var minter = new InternalTokenMinter(ProtectedService.SigningKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send("/admin", minter.Mint(Alice))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send("/admin", minter.Mint(Alice with { Role = InternalRoles.Admin }))).StatusCode);
    }

    [Fact]
    public async Task A_refusal_is_a_problem_details_document_saying_why()
    {
        var missing = await Send("/whoami", token: null);
        await AssertProblemAsync(missing, HttpStatusCode.Unauthorized, "This route needs an internal token.");
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);

        var forged = await Send("/whoami", new InternalTokenMinter(Convert.ToBase64String(new byte[64])).Mint(Alice));
        await AssertProblemAsync(forged, HttpStatusCode.Unauthorized, "The internal token is not valid.");
        Assert.Contains("invalid_token", forged.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);

        var forbidden = await Send("/admin", new InternalTokenMinter(ProtectedService.SigningKey).Mint(Alice));
        await AssertProblemAsync(forbidden, HttpStatusCode.Forbidden, "The token's role does not allow this route.");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
        Assert.Equal((int)status, problem!["status"].GetInt32());
        Assert.Equal(detail, problem["detail"].GetString());
    }

    [Fact]
    public void The_minter_refuses_a_lifetime_over_five_minutes()
    {
        var minter = new InternalTokenMinter(ProtectedService.SigningKey);
        Assert.Throws<ArgumentOutOfRangeException>(() => minter.Mint(Alice, TimeSpan.FromMinutes(6)));
    }

    [Fact]
    public void A_short_signing_key_is_refused()
    {
        var minter = new InternalTokenMinter(Convert.ToBase64String(new byte[16]));
        Assert.Throws<InvalidOperationException>(() => minter.Mint(Alice));
    }

    private async Task<HttpResponseMessage> Send(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await service.Client.SendAsync(request);
    }
}
