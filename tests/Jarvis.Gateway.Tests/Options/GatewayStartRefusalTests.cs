using System.Diagnostics;
using Jarvis.Testing;

namespace Jarvis.Gateway.Tests.Options;

/// <summary>The gateway process itself, given a nonsensical option, does not serve: it exits and says why.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayStartRefusalTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_gateway_with_a_zero_per_user_limit_refuses_to_start_and_names_the_setting()
    {
        var secrets = Directory.CreateTempSubdirectory("gateway-refusal-secrets-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "ConnectionStrings__redis"), fixture.App.GetConnectionString("redis"));
            await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "Jarvis__InternalAuth__SigningKey"),
                fixture.App.Secrets.GetOrCreate("Jarvis__InternalAuth__SigningKey", 64, base64: true));
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = OptionsValidationTests.GatewayProjectDirectory() };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Jarvis.Gateway.dll"), "--urls", "http://127.0.0.1:0", "--Gateway:RateLimits:PerUser:PermitLimit=0" })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["JARVIS_SECRETS_DIR"] = secrets.FullName;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("the gateway kept running with PerUser:PermitLimit=0");
            }

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains("Gateway:RateLimits:PerUser needs PermitLimit >= 1 and a positive Window.", await output + await error, StringComparison.Ordinal);
        }
        finally
        {
            TestDirectories.Delete(secrets.FullName);
        }
    }
}
