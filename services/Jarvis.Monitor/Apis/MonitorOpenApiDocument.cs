using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jarvis.Monitor.Apis;

/// <summary>The document the front end's types are generated from: the same bytes on every run, so no server address.</summary>
internal sealed class MonitorOpenApiDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Servers?.Clear();
        document.Info.Title = "Jarvis monitor";
        document.Info.Description = "Status, checks, history, incidents, alert channels and a stream of status changes. Public routes are reached "
            + "through the gateway under /api/monitor; every error is an RFC 7807 problem document.";
        return Task.CompletedTask;
    }
}
