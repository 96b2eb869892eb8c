using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jarvis.Chat.Apis;

/// <summary>
/// The document the front end's types are generated from: the same bytes on every run, so no
/// server address (this process's port means nothing behind the gateway).
/// </summary>
internal sealed class ChatOpenApiDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Servers?.Clear();
        document.Info.Title = "Jarvis chat";
        document.Info.Description = "Conversations, messages, search, users and the audit log. Public routes are reached through the gateway under /api/chat; every error is an RFC 7807 problem document.";
        return Task.CompletedTask;
    }
}
