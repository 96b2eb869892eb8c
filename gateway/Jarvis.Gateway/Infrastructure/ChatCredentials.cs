using System.Net;
using System.Net.Http.Json;
using Jarvis.Gateway.Model;
using Jarvis.ServiceDefaults.Authentication;

namespace Jarvis.Gateway.Infrastructure;

/// <summary>
/// The chat service's credential check, called with this service's own token. Chat owns the users, the
/// password hashes, the constant-time comparison and the audit rows; the gateway only relays.
/// </summary>
public sealed class ChatCredentials(HttpClient http)
{
    public async Task<CredentialVerdict> VerifyAsync(string username, string password, string? remoteAddress, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(
                new Uri("/internal/credentials/verify", UriKind.Relative),
                new CredentialCheck(username, password, remoteAddress),
                GatewayJsonContext.Default.CredentialCheck,
                cancellationToken);
        }
        catch (HttpRequestException)
        {
            return CredentialVerdict.Unavailable;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CredentialVerdict.Unavailable;
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            return CredentialVerdict.Unavailable;
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            return CredentialVerdict.Unavailable;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return CredentialVerdict.Refused;
            }

            if (!response.IsSuccessStatusCode)
            {
                return CredentialVerdict.Unavailable;
            }

            var user = await response.Content.ReadFromJsonAsync(GatewayJsonContext.Default.SignedInUser, cancellationToken);
            return user is { Id.Length: > 0, Username.Length: > 0 } && user.Role is InternalRoles.Admin or InternalRoles.User
                ? CredentialVerdict.Accepted(user)
                : CredentialVerdict.Unavailable;
        }
    }
}
