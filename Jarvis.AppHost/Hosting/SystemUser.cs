namespace Jarvis.AppHost.Hosting;

/// <summary>A local account, read from /etc/passwd (e.g. <c>postgres</c> made by Debian's package).</summary>
public sealed record SystemUser(string Name, int Uid, int Gid)
{
    public static SystemUser? Find(string name)
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var f = line.Split(':');
            if (f.Length > 3 && f[0] == name)
            {
                return new SystemUser(name, int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return null;
    }
}
