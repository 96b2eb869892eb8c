namespace Jarvis.AppHost.Hosting;

/// <summary>A resource being declared, as in Aspire: chain With…/WaitFor calls on it.</summary>
public interface IResourceBuilder<out T> where T : IResource
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}
