namespace Jarvis.ServiceDefaults.Authentication;

/// <summary>Who an internal token speaks for: <c>sub</c>, <c>name</c> and <c>role</c>.</summary>
public sealed record InternalPrincipal(string Subject, string Name, string Role)
{
    public static InternalPrincipal ForService(string serviceName) =>
        new($"service:{serviceName}", serviceName, InternalRoles.Service);
}
