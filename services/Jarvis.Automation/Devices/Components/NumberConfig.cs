using System.Globalization;
using Jarvis.Automation.Devices.Commands;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.State;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Components;

/// <summary>A number: set publishes a value within <c>min</c> (1), <c>max</c> (100) on the <c>step</c> (1) grid.</summary>
public sealed record NumberConfig(
    string? StateTopic,
    string CommandTopic,
    Template? ValueTemplate,
    Template? CommandTemplate,
    double Min,
    double Max,
    double Step,
    string? UnitOfMeasurement) : ComponentConfig
{
    /// <inheritdoc/>
    public override IEnumerable<string?> StateTopics => [StateTopic];

    /// <inheritdoc/>
    public override bool AcceptsCommands => true;

    internal static NumberConfig From(ConfigReader r)
    {
        var config = new NumberConfig(
            r.Topic("state_topic"), Required.Topic(r, "command_topic", "number", publish: true), r.Template("value_template"), r.Template("command_template"),
            r.Number("min", 1), r.Number("max", 100), r.Number("step", 1), r.Text("unit_of_measurement"));
        if (config.Min >= config.Max || config.Step <= 0)
        {
            r.Problems.Add($"a number needs min < max and step > 0, got min {config.Min}, max {config.Max}, step {config.Step}");
        }

        return config;
    }

    internal override void Read(StateBuilder state)
    {
        if (state.Is(StateTopic) && state.Render(ValueTemplate, "value_template") is { } value)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                state.SetState(value.Trim());
            }
            else
            {
                state.Errors.Add($"'{OnOff.Shorten(value)}' is not a number");
            }
        }
    }

    internal override CommandTranslation Translate(CommandContext context)
    {
        if (context.Command.Kind != CommandKind.Set || !context.TryNumber(out var value))
        {
            return CommandTranslation.Fail("a number takes set with a numeric value");
        }

        if (value < Min || value > Max)
        {
            return CommandTranslation.Fail($"{CommandContext.Text(value)} is outside {CommandContext.Text(Min)}..{CommandContext.Text(Max)}");
        }

        var steps = (value - Min) / Step;
        if (Math.Abs(steps - Math.Round(steps)) > 1e-9 * Math.Max(1, Math.Abs(steps)))
        {
            return CommandTranslation.Fail($"{CommandContext.Text(value)} is not on the step {CommandContext.Text(Step)} from {CommandContext.Text(Min)}");
        }

        var payload = CommandContext.Render(CommandTemplate, value, "command_template", out var error);
        return error is null ? CommandTranslation.Ok(context.Message(CommandTopic, payload!)) : CommandTranslation.Fail(error);
    }
}
