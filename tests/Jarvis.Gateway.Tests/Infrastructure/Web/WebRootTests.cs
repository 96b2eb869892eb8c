using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jarvis.Gateway.Tests.Infrastructure.Web;

[Collection(GatewayCollection.Name)]
public sealed class WebRootTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Index_html_is_served_from_the_configured_folder_and_never_cached()
    {
        using var browser = fixture.NewBrowser();
        using var response = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Jarvis test app", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Theory]
    [InlineData("/conversations")]
    [InlineData("/conversations/4b1e6d2c-1f00-4c7e-9a57-2d3c1b9b0f11")]
    [InlineData("/settings/profile")]
    public async Task A_front_end_route_falls_back_to_index_html(string path)
    {
        using var browser = fixture.NewBrowser();
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Jarvis test app", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_as_immutable()
    {
        using var browser = fixture.NewBrowser();
        using var response = await browser.GetAsync("/assets/app-3f9a1c.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("console.log('jarvis');", await response.Content.ReadAsStringAsync());
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains(cache.Extensions, e => e.Name == "immutable");
    }

    [Fact]
    public async Task A_missing_asset_is_404_not_index_html()
    {
        using var browser = fixture.NewBrowser();
        using var response = await browser.GetAsync("/assets/app-000000.js");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_placeholder_page_says_the_front_end_is_not_built_with_its_own_stylesheet_and_no_script()
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
        {
            BaseAddress = fixture.App.GetEndpoint("gateway-tls"),
        };
        var html = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("front end is not built yet", html, StringComparison.Ordinal);
        Assert.Contains("/api/auth/login", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        using var css = await http.GetAsync(new Uri("/placeholder.css", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/assets/..%2f..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/assets/%2e%2e%2f%2e%2e%2fappsettings.json")]
    [InlineData("/..%5c..%5c..%5cetc%5cpasswd")]
    [InlineData("/assets/%252e%252e/%252e%252e/etc/passwd")]
    [InlineData("/assets/..\\..\\appsettings.json")]
    [InlineData("/%2e%2e/Jarvis.Gateway.dll")]
    public async Task Path_traversal_on_static_files_is_refused(string target)
    {
        // Raw, because HttpClient would normalise the dot segments away before sending.
        var (status, body) = await RawGetAsync(target);
        Assert.True(status is 400 or 404, $"{target}: {status}");
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ReverseProxy", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Jarvis test app", body, StringComparison.Ordinal);
    }

    private async Task<(int Status, string Body)> RawGetAsync(string target)
    {
        var endpoint = fixture.Gateway();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {endpoint.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response);
    }
}
