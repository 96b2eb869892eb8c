using Jarvis.AppHost.Infrastructure;

namespace Jarvis.AppHost.Tests.Hosting;

public sealed class DebianBinaryTests
{
    [Fact]
    public void A_missing_binary_keeps_its_bare_name_and_names_the_Debian_package_to_install()
    {
        var binary = DebianBinary.Find("jarvis-no-such-binary", "jarvis-no-such-package");

        Assert.Equal("jarvis-no-such-binary", binary.Path);
        Assert.NotNull(binary.Missing);
        Assert.Contains("apt-get install jarvis-no-such-package", binary.Missing.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void An_installed_binary_is_found_by_its_full_path()
    {
        var binary = DebianBinary.Find("sh", "dash");

        Assert.True(Path.IsPathRooted(binary.Path));
        Assert.Null(binary.Missing);
    }
}
