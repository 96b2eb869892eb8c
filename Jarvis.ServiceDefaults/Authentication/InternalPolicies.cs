namespace Jarvis.ServiceDefaults.Authentication;

/// <summary>Authorization policy names shared by every service.</summary>
public static class InternalPolicies
{
    /// <summary>A person signed in through the gateway (user or admin).</summary>
    public const string User = "jarvis-user";
    /// <summary>A person with the admin role.</summary>
    public const string Admin = "jarvis-admin";
    /// <summary>Another Jarvis service.</summary>
    public const string Service = "jarvis-service";
}
