using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jarvis.ServiceDefaults;

public static class LocalPortEndpointExtensions
{
    /// <summary>
    /// The endpoint answers only connections accepted on <paramref name="port"/>; on any other port it is
    /// a 404. Decided by the socket's local port, not the Host header, which the caller chooses.
    /// </summary>
    public static TBuilder OnlyOnLocalPort<TBuilder>(this TBuilder builder, int port) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException("The endpoint has no request delegate.");
            endpoint.RequestDelegate = context =>
            {
                if (context.Connection.LocalPort == port)
                {
                    return inner(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
        return builder;
    }
}
