using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// Puts two things in front of the Stop and Restart commands of every resource (the dashboard's buttons,
/// and what tests use): supervision learns that the end coming is asked for, so it does not restart it as
/// a crash; and a service gets <see cref="GracefulStop"/>'s SIGTERM through <c>dotnet run</c>, before
/// Aspire's own command finds the process gone. Aspire adds these commands when the orchestrator prepares
/// the resource, so they are wrapped just before it starts.
/// </summary>
internal static class GracefulStopCommands
{
    public static void Wrap(IResource resource)
    {
        if (resource.Annotations.OfType<WrappedAnnotation>().Any())
        {
            return;
        }

        foreach (var command in resource.Annotations.OfType<ResourceCommandAnnotation>()
            .Where(c => c.Name == KnownResourceCommands.StopCommand || c.Name == KnownResourceCommands.RestartCommand)
            .ToList())
        {
            resource.Annotations.Remove(command);
            resource.Annotations.Add(new ResourceCommandAnnotation(
                command.Name,
                command.DisplayName,
                command.UpdateState,
                async context =>
                {
                    context.Services.GetRequiredService<Supervisor>().StopRequested(context.ResourceName);
                    var replicas = context.Services.GetRequiredService<ReplicaDirectory>();
                    if (resource is ProjectResource
                        && replicas.Instance(context.ResourceName) is { ProcessId: { } pid } instance && instance.State == KnownResourceStates.Running)
                    {
                        await GracefulStop.TerminateAsync([pid], context.CancellationToken);
                    }

                    return await command.ExecuteCommand(context);
                },
                command.DisplayDescription,
                command.Arguments,
                command.ConfirmationMessage,
                command.IconName,
                command.IconVariant,
                command.IsHighlighted,
                command.Visibility,
                command.ValidateArguments));
        }

        resource.Annotations.Add(new WrappedAnnotation());
    }

    private sealed class WrappedAnnotation : IResourceAnnotation;
}
