namespace Jarvis.AppHost.Hosting;

/// <summary>A resource others reach through <c>ConnectionStrings__{Name}</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    string GetConnectionString();

    /// <summary>True when the connection string holds a password: it then travels as a secret file, never in the environment.</summary>
    bool ConnectionStringIsSecret { get; }
}
