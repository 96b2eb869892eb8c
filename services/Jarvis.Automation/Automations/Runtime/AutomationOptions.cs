namespace Jarvis.Automation.Automations.Runtime;

/// <summary>Settings of the automation runtime (<c>Automation:Automations</c>).</summary>
public sealed class AutomationOptions
{
    public const string SectionName = "Automation:Automations";

    /// <summary>Finished runs kept per automation (traces).</summary>
    public int TracesKept { get; set; } = 100;

    /// <summary>A time trigger missed while the service was down runs once at start when missed by less than this.</summary>
    public TimeSpan CatchUp { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most iterations one <c>repeat</c> may run; beyond, the run fails saying so.</summary>
    public int MaxRepeat { get; set; } = 1000;

    /// <summary>The most steps one run may take (a backstop against runaway loops).</summary>
    public int MaxSteps { get; set; } = 10_000;

    /// <summary>The Orleans silo's port for silo-to-silo traffic; 0 picks a free one (one silo, localhost clustering).</summary>
    public int SiloPort { get; set; }
}
