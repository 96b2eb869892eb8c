using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Jarvis.Gateway.Tests.Infrastructure.Tls;

[Collection(GatewayCollection.Name)]
public sealed class ServerCertificateTests(GatewayFixture fixture)
{
    [Fact]
    public async Task HTTPS_serves_the_configured_certificate_with_HSTS_and_the_security_headers()
    {
        Assert.Equal(fixture.FirstCertificate.Thumbprint, (await HandshakeAsync()).Thumbprint);

        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
        {
            BaseAddress = fixture.HttpsGateway,
        };
        using var response = await http.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Security.SecurityHeadersAssert.Has(response);
    }

    [Fact]
    public async Task A_replaced_certificate_file_serves_the_next_handshake_without_a_restart()
    {
        var pid = fixture.App.ProcessId("gateway-tls");
        using var renewed = TestCertificate.Create("jarvis-test-renewed");
        try
        {
            TestCertificate.WritePem(renewed, fixture.CertificatePath, fixture.KeyPath);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            string served;
            do
            {
                await Task.Delay(200);
                served = (await HandshakeAsync()).Thumbprint;
            }
            while (served != renewed.Thumbprint && DateTime.UtcNow < deadline);

            Assert.Equal(renewed.Thumbprint, served);
            Assert.Equal(pid, fixture.App.ProcessId("gateway-tls"));
        }
        finally
        {
            TestCertificate.WritePem(fixture.FirstCertificate, fixture.CertificatePath, fixture.KeyPath);
        }
    }

    private async Task<X509Certificate2> HandshakeAsync()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.HttpsPort);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate is not null);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" });
        return new X509Certificate2(tls.RemoteCertificate!);
    }
}
