namespace Jarvis.AppHost.Hosting;

/// <summary>Writes a file that holds a secret: created 0600 before any byte is written, then moved into place.</summary>
public static class SecretFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, string value)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = Mode,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(value);
        }

        File.SetUnixFileMode(temp, Mode);
        File.Move(temp, path, overwrite: true);
    }

    public static Task WriteAsync(string path, string value, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(path, value);
        return Task.CompletedTask;
    }
}
