using System.Net;

namespace Jarvis.Monitor.Checks;

/// <summary>
/// The one HTTP client of the http and prometheus probes: a long-lived <see cref="SocketsHttpHandler"/> of its own,
/// outside IHttpClientFactory, so that no default handler runs per attempt (service discovery, resilience, logging
/// scopes) and an attempt is one request. Redirects are followed at most 5 times; connections are recycled every minute
/// so that a changed DNS answer is seen.
/// </summary>
public sealed class ProbeHttpClient : IDisposable
{
    public HttpClient Http { get; } = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        AutomaticDecompression = DecompressionMethods.All,
        MaxResponseHeadersLength = 64,
        ConnectTimeout = TimeSpan.FromSeconds(60),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own
    };

    public void Dispose() => Http.Dispose();
}
