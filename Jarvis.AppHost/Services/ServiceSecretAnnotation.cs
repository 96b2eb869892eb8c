using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Services;

/// <summary>A generated secret one service alone receives, as a file in its <c>JARVIS_SECRETS_DIR</c>.</summary>
public sealed record ServiceSecretAnnotation(string Name) : IResourceAnnotation;
