using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>
/// A resource whose usable connection string holds a password. Its Aspire connection string (the
/// <c>ConnectionStrings__name</c> environment variable a reference gives) leaves the password out;
/// the whole string reaches each referencing service as a secret file of the same name, which the
/// service's key-per-file configuration reads over the variable.
/// </summary>
public interface ISecretConnectionString : IResourceWithConnectionString
{
    /// <summary>The connection string with its password, for secret files and tests.</summary>
    string GetSecretConnectionString();
}
