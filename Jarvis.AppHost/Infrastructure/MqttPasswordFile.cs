namespace Jarvis.AppHost.Infrastructure;

/// <summary>
/// A file holding the password of the person's own MQTT broker: <c>Mqtt:PasswordFile</c>, or
/// <c>.jarvis/secrets/mqtt-broker-password</c>. Read when needed, never copied into the environment; a file
/// that others than its owner may read or write is refused, as ssh refuses a private key.
/// </summary>
public sealed class MqttPasswordFile(string path)
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The password (the file's first line); throws, naming the file but never its content, when it cannot be used.</summary>
    public string Read()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"The MQTT broker's password file {Path} does not exist.");
        }

        if ((File.GetUnixFileMode(Path) & GroupOrOther) != 0)
        {
            throw new InvalidOperationException($"The MQTT broker's password file {Path} may be read by others: chmod 600 {Path}.");
        }

        var password = File.ReadAllText(Path).Split('\n', 2)[0].TrimEnd('\r');
        return password.Length > 0
            ? password
            : throw new InvalidOperationException($"The MQTT broker's password file {Path} is empty.");
    }
}
