namespace Jarvis.AppHost.Hosting;

/// <summary>An address one replica of a resource listens on.</summary>
public sealed record ResourceEndpoint(string Name, string Scheme, string Host, int Port)
{
    public Uri Url => new($"{Scheme}://{Host}:{Port}");

    public override string ToString() => Url.ToString().TrimEnd('/');
}
