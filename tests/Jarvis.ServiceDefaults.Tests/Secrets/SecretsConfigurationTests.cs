using Jarvis.ServiceDefaults.Secrets;
using Microsoft.Extensions.Configuration;

namespace Jarvis.ServiceDefaults.Tests.Secrets;

public sealed class SecretsConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jarvis-secrets-").FullName;

    [Fact]
    public void A_file_per_key_becomes_configuration_with_double_underscores_as_sections()
    {
        File.WriteAllText(Path.Combine(_directory, "Jarvis__InternalAuth__SigningKey"), "c2VjcmV0");
        File.WriteAllText(Path.Combine(_directory, "ConnectionStrings__jarvisdb"), "Host=127.0.0.1;Password=p");

        var configuration = new ConfigurationBuilder().AddJarvisSecrets(_directory).Build();

        Assert.Equal("c2VjcmV0", configuration["Jarvis:InternalAuth:SigningKey"]);
        Assert.Equal("Host=127.0.0.1;Password=p", configuration.GetConnectionString("jarvisdb"));
    }

    [Fact]
    public void A_secrets_directory_that_does_not_exist_stops_the_start()
    {
        var missing = Path.Combine(_directory, "nope");
        var ex = Assert.Throws<DirectoryNotFoundException>(() => new ConfigurationBuilder().AddJarvisSecrets(missing));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
