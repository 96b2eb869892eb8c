namespace Jarvis.ServiceDefaults.Authentication;

/// <summary>The roles an internal token can carry.</summary>
public static class InternalRoles
{
    public const string Admin = "admin";
    public const string User = "user";
    /// <summary>A Jarvis service calling another one, not a person.</summary>
    public const string Service = "service";
}
