using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Hosting;

namespace Jarvis.AppHost.Services;

/// <summary>
/// Gives every endpoint of a Jarvis service its port before the model starts. One replica serves its
/// port itself (no proxy in the way of every request); several replicas sit behind Aspire's proxy on
/// that port, each on a port of its own. Ports are remembered in <c>.jarvis/ports.json</c>.
/// </summary>
internal static class EndpointPorts
{
    public static void Assign(DistributedApplicationModel model, JarvisContext jarvis)
    {
        foreach (var project in model.Resources.OfType<ProjectResource>())
        {
            if (project.Annotations.OfType<JarvisServiceAnnotation>().SingleOrDefault() is not { } service)
            {
                continue;
            }

            var replicas = project.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
            foreach (var endpoint in project.Annotations.OfType<EndpointAnnotation>())
            {
                var isPublic = endpoint.Name == ServiceBuilderExtensions.HttpEndpointName && service.PublicPort is not null;
                var key = endpoint.Name == ServiceBuilderExtensions.HttpEndpointName ? project.Name : $"{project.Name}-{endpoint.Name}";
                var port = jarvis.Ports.For(key, isPublic ? service.PublicPort : null);
                endpoint.Port = port;
                endpoint.IsProxied = replicas > 1;
                endpoint.TargetPort = replicas > 1 ? null : port;
                endpoint.TargetHost = "localhost";
            }
        }
    }
}
