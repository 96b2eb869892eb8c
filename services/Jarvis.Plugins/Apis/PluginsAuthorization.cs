using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Jarvis.Plugins.Apis;

/// <summary>REST (transcoded) calls are for admins only; gRPC calls for sibling services or admins.</summary>
internal static class PluginsAuthorization
{
    public const string Policy = "jarvis-plugins-api";

    public static AuthorizationBuilder AddPluginsPolicy(this AuthorizationBuilder builder) =>
        builder.AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireAssertion(context =>
        {
            var isGrpc = context.Resource is HttpContext http &&
                         http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
            return context.User.IsInRole(InternalRoles.Admin) || (isGrpc && context.User.IsInRole(InternalRoles.Service));
        }));
}
