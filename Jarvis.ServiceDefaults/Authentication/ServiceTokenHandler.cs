using System.Net.Http.Headers;

namespace Jarvis.ServiceDefaults.Authentication;

/// <summary>Signs a service's outgoing calls to other Jarvis services with a fresh service token.</summary>
public sealed class ServiceTokenHandler(InternalTokenMinter minter, InternalPrincipal self) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", minter.Mint(self, TimeSpan.FromMinutes(1)));
        return base.SendAsync(request, cancellationToken);
    }
}
