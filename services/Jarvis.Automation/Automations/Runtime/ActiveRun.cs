namespace Jarvis.Automation.Automations.Runtime;

/// <summary>A run going on in a grain, and how to stop it.</summary>
public sealed record ActiveRun(RunExecutor Executor, CancellationTokenSource Cancel)
{
    public Task? Completion { get; set; }
}
