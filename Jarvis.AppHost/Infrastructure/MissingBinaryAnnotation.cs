using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>Marks a resource whose binary was not found when the model was built: the start report says how to install it.</summary>
public sealed record MissingBinaryAnnotation(string Binary, string DebianPackage) : IResourceAnnotation
{
    public string Advice => $"'{Binary}' was not found. Install it with: sudo apt-get install {DebianPackage}  (or run ./run.sh, which installs what is missing)";
}
