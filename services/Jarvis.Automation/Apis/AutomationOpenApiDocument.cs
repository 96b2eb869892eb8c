using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jarvis.Automation.Apis;

/// <summary>
/// The document the front end's types are generated from: the same bytes on every run, so no
/// server address (this process's port means nothing behind the gateway).
/// </summary>
internal sealed class AutomationOpenApiDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Servers?.Clear();
        document.Info.Title = "Jarvis automation";
        document.Info.Description = "Devices, entities, areas, commands, state history and live state events. Public routes are reached through the gateway under /api/devices; every error is an RFC 7807 problem document.";
        return Task.CompletedTask;
    }
}
