using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>A database on a <see cref="PostgresServerResource"/>, owned by the <c>jarvis</c> role.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithParent<PostgresServerResource>, ISecretConnectionString
{
    public PostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    /// <summary>What <c>WithReference</c> puts in <c>ConnectionStrings__{name}</c>: everything but the password.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Parent.Endpoint.Property(EndpointProperty.Port)};Username={PostgresServerResource.ApplicationRole};Database={DatabaseName}");

    public string GetSecretConnectionString() => Parent.ApplicationConnectionString(DatabaseName);
}
