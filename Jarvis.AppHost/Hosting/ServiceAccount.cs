namespace Jarvis.AppHost.Hosting;

/// <summary>
/// The Debian account a server runs as when the AppHost runs as root (PostgreSQL refuses root);
/// as an ordinary user every server runs as that user.
/// </summary>
public static class ServiceAccount
{
    public static SystemUser? For(string name) => UnixProcess.IsRoot ? SystemUser.Find(name) : null;

    /// <summary>The command line that runs <paramref name="command"/> as <paramref name="account"/> (setpriv), or as is.</summary>
    public static (string Command, string[] Args) Wrap(SystemUser? account, string command, params string[] args) =>
        account is null
            ? (command, args)
            : (BinaryLocator.Find("setpriv", "util-linux"), ["--reuid", account.Name, "--regid", account.Name, "--init-groups", "--", command, .. args]);

    /// <summary>Hands <paramref name="path"/> (and, with <paramref name="recursive"/>, what is below it) to the account.</summary>
    public static void Own(string path, SystemUser? account, bool recursive = false)
    {
        if (account is null)
        {
            return;
        }

        UnixProcess.ChangeOwner(path, account);
        if (recursive && Directory.Exists(path))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories))
            {
                UnixProcess.ChangeOwner(entry, account);
            }
        }
    }
}
