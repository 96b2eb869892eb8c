using Jarvis.AppHost.Hosting;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>A binary from a Debian package, or its bare name (and the package to install) when it is missing.</summary>
public sealed record DebianBinary(string Path, MissingBinaryAnnotation? Missing)
{
    public static DebianBinary Find(string name, string debianPackage)
    {
        try
        {
            return new DebianBinary(BinaryLocator.Find(name, debianPackage), null);
        }
        catch (MissingBinaryException)
        {
            return new DebianBinary(name, new MissingBinaryAnnotation(name, debianPackage));
        }
    }

    /// <summary>Debian installs PostgreSQL under /usr/lib/postgresql/&lt;major&gt;/bin; the newest is taken.</summary>
    public static DebianBinary Postgres(string name)
    {
        try
        {
            return new DebianBinary(System.IO.Path.Combine(BinaryLocator.PostgresBinDirectory(), name), null);
        }
        catch (MissingBinaryException)
        {
            return new DebianBinary(name, new MissingBinaryAnnotation(name, "postgresql"));
        }
    }
}
