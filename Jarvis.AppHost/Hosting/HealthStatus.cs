namespace Jarvis.AppHost.Hosting;

public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}
