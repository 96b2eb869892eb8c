using System.Net;
using System.Text;

namespace Jarvis.Automation.Tests.Automations;

/// <summary>Bad input: each a 400 naming what is wrong (or, where only running can tell, a failed run), and the service keeps serving.</summary>
public sealed partial class AutomationBehaviourTests
{
    private static string Nested(int depth)
    {
        var condition = "{ condition: state, entity_id: switch.bh_lamp, state: \"on\" }";
        for (var i = 0; i < depth; i++)
        {
            condition = $"{{ condition: not, conditions: [{condition}] }}";
        }

        return $"triggers: [{{ trigger: mqtt, topic: bh/in/never }}]\nconditions: [{condition}]\nactions: [{{ delay: 1 }}]";
    }

    private static string Bomb()
    {
        var yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 9; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1}]\n");
        }

        return yaml + "triggers: [{ trigger: mqtt, topic: bh/in/never }]\nactions: [{ delay: 1 }]\n";
    }

    public static TheoryData<string, string, string> BadDefinitions() => new()
    {
        { "unknown key deep inside", "triggers: [{ trigger: mqtt, topic: bh/in/never }]\nactions:\n  - if: \"{{ true }}\"\n    then: [{ delay: 1, foo: 2 }]", "actions[0].then[0].foo" },
        { "deeply nested", Nested(40), "" },
        { "huge", "alias: \"" + new string('x', 40_000) + "\"\ntriggers: [{ trigger: mqtt, topic: bh/in/never }]\nactions: [{ delay: 1 }]", "" },
        { "YAML alias bomb", Bomb(), "" },
        { "repeat without end", "triggers: [{ trigger: mqtt, topic: bh/in/never }]\nactions:\n  - repeat:\n      sequence: [{ delay: 1 }]", "actions[0].repeat" },
        { "a template that loops", "triggers: [{ trigger: mqtt, topic: bh/in/never }]\nactions:\n  - action: mqtt.publish\n    data: { topic: bh/out/x, payload: \"{% for i in range(1000000000) %}x{% endfor %}\" }", "actions[0].data.payload" },
        { "an unknown function", "triggers: [{ trigger: mqtt, topic: bh/in/never }]\nconditions: \"{{ explode('x') }}\"\nactions: [{ delay: 1 }]", "conditions" },
        { "an entity id that is no id", "triggers: [{ trigger: state, entity_id: \"not an id\" }]\nactions: [{ delay: 1 }]", "triggers[0].entity_id" },
        { "an unsupported service", "triggers: [{ trigger: mqtt, topic: bh/in/never }]\nactions: [{ action: scene.turn_on, target: { entity_id: scene.x } }]", "actions[0].action" },
        { "not YAML", "triggers: [ {", "" },
        { "a list, not a mapping", "- a\n- b", "" },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public async Task A_bad_definition_is_a_400_and_the_service_keeps_serving(string name, string yaml, string path)
    {
        var (status, body) = await world.PostAsync(yaml);
        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {status} {body}");
        Assert.Equal(400, body!["status"]!.GetValue<int>());
        if (path.Length > 0)
        {
            var errors = body["errors"]!.AsObject().Select(e => e.Key).ToList();
            Assert.True(errors.Any(e => e.StartsWith(path, StringComparison.Ordinal)), $"{name}: no error at {path}: {string.Join(", ", errors)}");
        }

        using var user = world.Harness.User();
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(new Uri("/api/automations", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_template_that_would_build_a_huge_string_fails_the_run_with_its_reason()
    {
        var (id, trace) = await RunActionsAsync("""
              - variables: { s: "{{ 'abcdefgh' ~ 'abcdefgh' }}" }
              - repeat:
                  count: 20
                  sequence: [{ variables: { s: "{{ s ~ s }}" } }]
              - action: mqtt.publish
                data: { topic: bh/out/bad_huge, payload: "{{ s }}" }
            """);
        try
        {
            Assert.Equal("failed", Status(trace));
            Assert.False(string.IsNullOrEmpty(trace["run"]!["error"]?.ToString()));
            Assert.Empty(world.Seen("bh/out/bad_huge"));
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }
}
