using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// Puts <see cref="GracefulStop"/> in front of the Stop and Restart commands of a service (the dashboard's
/// buttons, and what tests use): SIGTERM through <c>dotnet run</c> first, then Aspire's own command, which
/// finds the process gone. Aspire adds these commands when the orchestrator prepares the resource, so
/// they are wrapped just before it starts.
/// </summary>
internal static class GracefulStopCommands
{
    public static void Wrap(ProjectResource project)
    {
        if (project.Annotations.OfType<WrappedAnnotation>().Any())
        {
            return;
        }

        foreach (var command in project.Annotations.OfType<ResourceCommandAnnotation>()
            .Where(c => c.Name == KnownResourceCommands.StopCommand || c.Name == KnownResourceCommands.RestartCommand)
            .ToList())
        {
            project.Annotations.Remove(command);
            project.Annotations.Add(new ResourceCommandAnnotation(
                command.Name,
                command.DisplayName,
                command.UpdateState,
                async context =>
                {
                    var replicas = context.Services.GetRequiredService<ReplicaDirectory>();
                    if (replicas.Instance(context.ResourceName) is { ProcessId: { } pid } instance && instance.State == KnownResourceStates.Running)
                    {
                        context.Services.GetRequiredService<Supervisor>().StopRequested(context.ResourceName);
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

        project.Annotations.Add(new WrappedAnnotation());
    }

    private sealed class WrappedAnnotation : IResourceAnnotation;
}
