using System.Globalization;

namespace Jarvis.Automation.Tests.Automations;

/// <summary>
/// Each condition, table-driven: with the lamp on, the fan off and the temperature at 27, an automation run from the
/// API either runs (succeeded) or is skipped by its conditions; the trace names the condition and what it saw.
/// </summary>
public sealed partial class AutomationBehaviourTests
{
    private async Task ConditionStatesAsync()
    {
        await world.StateAsync("switch.bh_lamp", "bh/lamp/state", "ON", "on");
        await world.StateAsync("switch.bh_fan", "bh/fan/state", "OFF", "off");
        await world.StateAsync("sensor.bh_temp", "bh/temp", """{"t":27,"battery":80}""", "27");
    }

    private static string Today => DateTime.Now.DayOfWeek.ToString()[..3].ToLowerInvariant();

    private static string OtherDay => DateTime.Now.AddDays(3).DayOfWeek.ToString()[..3].ToLowerInvariant();

    private static string Clock(double minutes) => DateTime.Now.AddMinutes(minutes).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static TheoryData<string, string, bool> Conditions() => new()
    {
        { "state holds", "{ condition: state, entity_id: switch.bh_lamp, state: \"on\" }", true },
        { "state fails", "{ condition: state, entity_id: switch.bh_fan, state: \"on\" }", false },
        { "state of a list", "{ condition: state, entity_id: [switch.bh_lamp, switch.bh_fan], state: [\"on\", \"off\"] }", true },
        { "state for, too recent", "{ condition: state, entity_id: switch.bh_lamp, state: \"on\", for: \"01:00:00\" }", false },
        { "numeric above", "{ condition: numeric_state, entity_id: sensor.bh_temp, above: 25 }", true },
        { "numeric between fails", "{ condition: numeric_state, entity_id: sensor.bh_temp, above: 10, below: 20 }", false },
        { "numeric attribute", "{ condition: numeric_state, entity_id: sensor.bh_temp, attribute: battery, below: 90 }", true },
        { "weekday today", $"{{ condition: time, weekday: [{Today}] }}", true },
        { "weekday other", $"{{ condition: time, weekday: [{OtherDay}] }}", false },
        { "time window now", $"{{ condition: time, after: \"{Clock(-2)}\", before: \"{Clock(10)}\" }}", true },
        { "time window later", $"{{ condition: time, after: \"{Clock(10)}\", before: \"{Clock(20)}\" }}", false },
        { "and", "{ condition: and, conditions: [{ condition: state, entity_id: switch.bh_lamp, state: \"on\" }, { condition: state, entity_id: switch.bh_fan, state: \"on\" }] }", false },
        { "or", "{ condition: or, conditions: [{ condition: state, entity_id: switch.bh_lamp, state: \"on\" }, { condition: state, entity_id: switch.bh_fan, state: \"on\" }] }", true },
        { "not", "{ condition: not, conditions: [{ condition: state, entity_id: switch.bh_fan, state: \"on\" }] }", true },
        { "template", "{ condition: template, value_template: \"{{ states('sensor.bh_temp') == '27' and is_state('switch.bh_fan', 'off') }}\" }", true },
        { "template false", "{ condition: template, value_template: \"{{ state_attr('sensor.bh_temp', 'battery') == 10 }}\" }", false },
        { "disabled condition", "{ condition: state, entity_id: switch.bh_fan, state: \"on\", enabled: false }", true },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public async Task A_condition_lets_the_run_go_on_or_skips_it(string name, string condition, bool holds)
    {
        await ConditionStatesAsync();
        var topic = "bh/out/condition_" + name.Replace(' ', '_').Replace(',', '_');
        var id = await world.CreateAsync($$$"""
            alias: "condition {{{name}}}"
            triggers: [{ trigger: mqtt, topic: bh/in/never }]
            conditions:
              - {{{condition}}}
            actions:
              - action: mqtt.publish
                data: { topic: {{{topic}}}, payload: ran }
            """);
        try
        {
            var trace = await world.EndedAsync(id, (await world.RunAsync(id))!);
            Assert.Equal(holds ? "succeeded" : "skipped", trace["run"]!["status"]!.ToString());
            var step = trace["steps"]!.AsArray().First(s => s!["path"]!.ToString() == "condition/0")!;
            Assert.Equal(holds, step["result"]!["result"]!.GetValue<bool>());
            if (holds)
            {
                await world.OutputsAsync(topic, 1);
            }
            else
            {
                Assert.Empty(world.Seen(topic));
            }

            // Run with skipConditions: the actions run whatever the conditions say.
            var skipped = await world.EndedAsync(id, (await world.RunAsync(id, skipConditions: true))!);
            Assert.Equal("succeeded", skipped["run"]!["status"]!.ToString());
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }
}
