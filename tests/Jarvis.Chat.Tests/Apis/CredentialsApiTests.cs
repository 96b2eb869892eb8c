using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jarvis.Chat.Model;

namespace Jarvis.Chat.Tests.Apis;

[Collection(ChatCollection.Name)]
public sealed class CredentialsApiTests(ChatServiceFixture chat)
{
    [Fact]
    public async Task The_right_password_answers_the_user_in_any_letter_case_of_the_username()
    {
        using var user = await chat.NewUserAsync();
        using var service = chat.ServiceClient();
        using var response = await service.PostAsJsonAsync("/internal/credentials/verify",
            new { username = user.Account.Username.ToUpperInvariant(), password = user.Password, remoteAddress = "203.0.113.7" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new VerifiedUser(user.Id, user.Account.Username, "user"), await response.Content.ReadFromJsonAsync<VerifiedUser>());
    }

    [Fact]
    public async Task Unknown_user_wrong_password_and_disabled_user_get_the_same_401()
    {
        using var user = await chat.NewUserAsync();
        using var disabled = await chat.NewUserAsync();
        using var admin = chat.AdminClient();
        (await admin.PatchAsJsonAsync($"/api/chat/users/{disabled.Id}", new { disabled = true })).EnsureSuccessStatusCode();
        using var service = chat.ServiceClient();

        var bodies = new List<string>();
        foreach (var attempt in new[]
        {
            new { username = "nobody-" + Guid.NewGuid().ToString("N")[..6], password = "whatever password" },
            new { username = user.Account.Username, password = "the wrong password" },
            new { username = disabled.Account.Username, password = disabled.Password },
        })
        {
            using var response = await service.PostAsJsonAsync("/internal/credentials/verify", attempt);
            var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
            // Everything but the per-request trace id must be identical.
            bodies.Add(JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value.ToString())));
        }

        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task An_unknown_user_costs_a_password_hash_as_a_wrong_password_does()
    {
        using var user = await chat.NewUserAsync();
        using var service = chat.ServiceClient();
        async Task<double> MedianAsync(string username)
        {
            var samples = new List<double>();
            for (var i = 0; i < 9; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await service.PostAsJsonAsync("/internal/credentials/verify", new { username, password = "not the password" });
                samples.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }

            samples.Sort();
            return samples[samples.Count / 2];
        }

        await MedianAsync(user.Account.Username);
        var wrongPassword = await MedianAsync(user.Account.Username);
        var unknownUser = await MedianAsync("ghost" + Guid.NewGuid().ToString("N")[..8]);
        // Not a speed assertion: without the dummy hash an unknown user answers in a small fraction of the time.
        Assert.InRange(unknownUser / wrongPassword, 0.5, 2.0);
    }

    [Fact]
    public async Task Missing_fields_are_400s_naming_them()
    {
        using var service = chat.ServiceClient();
        await Problem.AssertFieldAsync(await service.PostAsJsonAsync("/internal/credentials/verify", new { password = "x" }), "username");
        await Problem.AssertFieldAsync(await service.PostAsJsonAsync("/internal/credentials/verify", new { username = "admin" }), "password");
        await Problem.AssertFieldAsync(await service.PostAsJsonAsync("/internal/credentials/verify",
            new { username = "admin", password = "x", remoteAddress = new string('1', 65) }), "remoteAddress");
    }

    [Fact]
    public async Task Only_a_service_token_may_check_credentials()
    {
        using var anonymous = chat.Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/internal/credentials/verify", new { username = "admin", password = "x" })).StatusCode);
        using var admin = chat.AdminClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync("/internal/credentials/verify", new { username = "admin", password = "x" })).StatusCode);
    }
}
