namespace Jarvis.AppHost.Hosting;

/// <summary>A binary the model needs is not installed; the message names the Debian package.</summary>
public sealed class MissingBinaryException(string binary, string debianPackage)
    : Exception($"'{binary}' was not found. Install it with: sudo apt-get install {debianPackage}  (or run ./run.sh, which installs what is missing)")
{
    public string Binary { get; } = binary;
    public string DebianPackage { get; } = debianPackage;
}
