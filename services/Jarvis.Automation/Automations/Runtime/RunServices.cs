using Jarvis.Automation.Automations.Storage;
using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>What every run uses, resolved once for the grains.</summary>
public sealed class RunServices(RunStore runs, AutomationActions actions, EntityStateCache states, AutomationTemplateFunctions functions,
    AutomationMetrics metrics, TimeProvider time, IOptions<AutomationOptions> options, ILogger<RunExecutor> logger)
{
    public RunStore Runs => runs;

    public AutomationActions Actions => actions;

    public EntityStateCache States => states;

    public AutomationTemplateFunctions Functions => functions;

    public AutomationMetrics Metrics => metrics;

    public TimeProvider Time => time;

    public AutomationOptions Options => options.Value;

    public ILogger<RunExecutor> Logger => logger;
}
