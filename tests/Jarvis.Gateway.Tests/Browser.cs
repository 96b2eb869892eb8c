using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Jarvis.Gateway.Tests;

/// <summary>
/// Plays a browser against the gateway. HttpClient's CookieContainer does not send a Secure cookie over
/// plain HTTP, so the session cookie is carried by hand, as a browser on localhost would send it.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string CookieName = "__Host-jarvis";

    private readonly HttpClient _http;

    /// <param name="gateway">The gateway replica to talk to.</param>
    /// <param name="from">A loopback address to connect from (127.0.0.2, …), to be another client for per-address limits.</param>
    public Browser(Uri gateway, IPAddress? from = null)
    {
        From = from;
        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        _http = new HttpClient(handler) { BaseAddress = gateway };
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>The loopback address this client connects from; null for the system's choice (127.0.0.1).</summary>
    public IPAddress? From { get; }

    /// <summary>The raw value of the session cookie, or null before login.</summary>
    public string? Cookie { get; set; }

    public string? CsrfToken { get; set; }

    public string? UserId { get; private set; }

    public string? Username { get; private set; }

    /// <summary>The last Set-Cookie header for the session cookie.</summary>
    public string? LastSetCookie { get; private set; }

    public async Task<HttpResponseMessage> LoginAsync(string username, string password)
    {
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { username, password }),
        });
        if (response.StatusCode == HttpStatusCode.OK)
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            CsrfToken = body.RootElement.GetProperty("csrfToken").GetString();
            UserId = body.RootElement.GetProperty("user").GetProperty("id").GetString();
            Username = body.RootElement.GetProperty("user").GetProperty("username").GetString();
        }

        return response;
    }

    public async Task SignInAsync(string username, string password)
    {
        using var response = await LoginAsync(username, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(Cookie);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>An unsafe request carrying the CSRF token and a same-origin Origin, as the front end sends it.</summary>
    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-Token", CsrfToken);
        request.Headers.Add("Origin", BaseAddress.GetLeftPart(UriPartial.Authority));
        return SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => SendAsync(request, HttpCompletionOption.ResponseContentRead);

    /// <summary>With <see cref="HttpCompletionOption.ResponseHeadersRead"/>, the body is read as it arrives (a stream of events).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", $"{CookieName}={Cookie}");
        }

        var response = await _http.SendAsync(request, completion);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var header in cookies.Where(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal)))
            {
                LastSetCookie = header;
                var value = header[(CookieName.Length + 1)..].Split(';')[0];
                Cookie = value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) ? null : value;
            }
        }

        return response;
    }

    public void Dispose() => _http.Dispose();
}
