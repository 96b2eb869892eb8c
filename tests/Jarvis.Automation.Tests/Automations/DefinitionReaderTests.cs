extern alias automation;

using automation::Jarvis.Automation.Automations.Definitions;
using automation::Jarvis.Automation.Automations.Parsing;

namespace Jarvis.Automation.Tests.Automations;

public sealed class DefinitionReaderTests
{
    private const string HallLight = """
        alias: Hall light after dark
        mode: restart
        triggers:
          - trigger: state
            entity_id: binary_sensor.front_door
            to: "on"
        conditions:
          - condition: time
            after: "18:00"
            before: "06:00"
        actions:
          - action: light.turn_on
            target:
              entity_id: light.hall
            data:
              brightness_pct: 80
          - delay: "00:05:00"
          - action: light.turn_off
            target: { entity_id: light.hall }
        """;

    [Fact]
    public void A_pasted_home_assistant_automation_reads_into_the_model()
    {
        var result = DefinitionReader.Parse(HallLight);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        var definition = result.Definition!;
        Assert.Equal(AutomationMode.Restart, definition.Mode);
        var trigger = Assert.IsType<StateTrigger>(Assert.Single(definition.Triggers));
        Assert.Equal(["on"], trigger.To!);
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.IsType<DelayAction>(definition.Actions[1]).Duration);
        Assert.Equal(80L, Assert.IsType<ServiceAction>(definition.Actions[0]).Data["brightness_pct"]!.GetValue<long>());
    }

    [Fact]
    public void The_same_automation_as_json_reads_the_same()
    {
        var json = """{"alias":"x","trigger":[{"platform":"state","entity_id":["switch.a"],"to":"on"}],"action":[{"service":"switch.turn_off","entity_id":"switch.a"}]}""";
        var result = DefinitionReader.Parse(json);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        Assert.Equal(["switch.a"], Assert.IsType<ServiceAction>(Assert.Single(result.Definition!.Actions)).EntityIds);
    }

    [Theory]
    [InlineData("triggers: [{trigger: state, entity_id: a.b}]\nactions:\n  - if: []\n    then:\n      - action: switch.turn_on\n        target: {entity_id: switch.x}\n        foo: 1\n", "actions[0].then[0].foo")]
    [InlineData("triggers: [{trigger: sun}]\nactions: [{delay: 1}]\n", "triggers[0].trigger")]
    [InlineData("triggers: [{trigger: state, entity_id: a.b}]\nactions: [{repeat: {sequence: [{delay: 1}]}}]\n", "actions[0].repeat")]
    [InlineData("triggers: [{trigger: state, entity_id: a.b}]\nactions: [{action: light.turn_on, target: {entity_id: light.x}, data: {transition: 2}}]\n", "actions[0].data.transition")]
    [InlineData("triggers: [{trigger: state, entity_id: a.b}]\nactions: [{variables: {x: '{{ states(1, 2, 3 }}'}}]\n", "actions[0].variables.x")]
    [InlineData("triggers: [{trigger: state, entity_id: Not An Id}]\nactions: [{delay: 1}]\n", "triggers[0].entity_id")]
    public void Anything_outside_the_subset_is_refused_naming_its_path(string yaml, string path)
    {
        var result = DefinitionReader.Parse(yaml);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Path == path);
    }

    [Fact]
    public void Yaml_aliases_are_refused_so_an_alias_bomb_costs_nothing()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ntriggers: [*c]\n";
        var result = DefinitionReader.Parse(bomb);
        Assert.False(result.Succeeded);
        Assert.Contains("aliases", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_and_huge_documents_are_refused_before_they_are_read()
    {
        var deep = DefinitionReader.Parse(new string('[', 5000) + new string(']', 5000));
        Assert.Contains("deeper", Assert.Single(deep.Errors).Message, StringComparison.Ordinal);
        var huge = DefinitionReader.Parse("alias: " + new string('x', 100_000));
        Assert.Contains("characters long", Assert.Single(huge.Errors).Message, StringComparison.Ordinal);
    }
}
