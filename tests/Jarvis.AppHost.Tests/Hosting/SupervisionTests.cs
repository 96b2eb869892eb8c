using Jarvis.AppHost.Hosting;

namespace Jarvis.AppHost.Tests.Hosting;

public sealed class SupervisionTests
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(4, 800)]
    [InlineData(7, 6400)]
    [InlineData(8, 10000)]
    [InlineData(50, 10000)]
    public void Restarts_back_off_exponentially_from_100_ms_to_at_most_10_s(int consecutiveFailures, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), ReplicaRunner.Backoff(consecutiveFailures));
    }

    [Fact]
    public void A_missing_binary_names_the_Debian_package_to_install()
    {
        var ex = Assert.Throws<MissingBinaryException>(() => BinaryLocator.Find("jarvis-no-such-binary", "jarvis-package"));
        Assert.Contains("apt-get install jarvis-package", ex.Message, StringComparison.Ordinal);
        Assert.Equal("jarvis-package", ex.DebianPackage);
    }

    [Fact]
    public void Resource_names_must_be_kebab_case_and_unique()
    {
        var builder = Jarvis.AppHost.Testing.DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        Assert.Throws<InvalidOperationException>(() => builder.AddRedis("redis"));
        Assert.Throws<ArgumentException>(() => builder.AddRedis("Redis_Cache"));
    }
}
