extern alias automation;

using automation::Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Tests.Devices;

/// <summary>The Jinja subset bridges publish renders as Home Assistant would; anything beyond it is refused at compile.</summary>
public sealed class TemplateTests
{
    private const string Tasmota = """{"Time":"2026-12-07T10:00:00","ENERGY":{"Power":42,"Voltage":230.5,"Today":1.234},"POWER":"ON","Dimmer":55,"list":[7,8,9],"name":"Hall","flag":false}""";

    [Theory]
    [InlineData("{{ value }}", "raw", "raw")]
    [InlineData("{{ value_json.POWER }}", Tasmota, "ON")]
    [InlineData("{{value_json['ENERGY']['Power']}}", Tasmota, "42")]
    [InlineData("{{ value_json.ENERGY.Voltage }}", Tasmota, "230.5")]
    [InlineData("{{ value_json[\"ENERGY\"].Today }}", Tasmota, "1.234")]
    [InlineData("{{ value_json.list[0] }}-{{ value_json.list[-1] }}", Tasmota, "7-9")]
    [InlineData("{{ value_json.flag }}", Tasmota, "False")]
    [InlineData("{{ value_json.Dimmer | int }}", Tasmota, "55")]
    [InlineData("{{ '21.7' | int }}", "", "21")]
    [InlineData("{{ 'abc' | int(5) }}", "", "5")]
    [InlineData("{{ value_json.Dimmer | float }}", Tasmota, "55.0")]
    [InlineData("{{ value_json.ENERGY.Today | round(1) }}", Tasmota, "1.2")]
    [InlineData("{{ value_json.ENERGY.Voltage | round }}", Tasmota, "230")]
    [InlineData("{{ value_json.missing | default('none yet') }}", Tasmota, "none yet")]
    [InlineData("{{ value_json.POWER | lower }}", Tasmota, "on")]
    [InlineData("{{ value_json.name | upper }}", Tasmota, "HALL")]
    [InlineData("{{ value_json.ENERGY is defined }}", Tasmota, "True")]
    [InlineData("{{ value_json.nothing.deeper is not defined }}", Tasmota, "True")]
    [InlineData("{{ 'on' if value_json.POWER == 'ON' else 'off' }}", Tasmota, "on")]
    [InlineData("{{ 'big' if value_json.ENERGY.Power > 40 and not value_json.flag else 'small' }}", Tasmota, "big")]
    [InlineData("{{ value_json.Dimmer >= 55 or value_json.x }}", Tasmota, "True")]
    [InlineData("{{ value_json.Dimmer != 55 }}|{{ 1 < 2 }}|{{ 2 <= 1 }}", Tasmota, "False|True|False")]
    [InlineData("{{ value_json.ENERGY.Power / 1000 }} kW", Tasmota, "0.042 kW")]
    [InlineData("{{ (value_json.Dimmer * 255 / 100) | round }}", Tasmota, "140")]
    [InlineData("Power: {{ value_json.POWER }}{# a comment #}!", Tasmota, "Power: ON!")]
    [InlineData("  {{- value -}}  ", "x", "x")]
    [InlineData("{{ none }} {{ true }} {{ -3 + 1 }}", "", "None True -2")]
    [InlineData("{{ 1 + 1 }}|{{ 7 // 2 }}|{{ 7 % 4 }}|{{ 2 * 3 }}", "", "2|3|3|6")]
    [InlineData("{{ 4 / 2 }}|{{ 2 * 3.0 }}|{{ 1.5 + 1 }}|{{ 7.0 // 2 }}", "", "2.0|6.0|2.5|3.0")]
    [InlineData("{{ 0.1 + 0.2 }}|{{ 10000000000000000 * 1.0 }}|{{ 0.00001 * 1 }}", "", "0.30000000000000004|1e+16|1e-05")]
    [InlineData("{{ 0.0001 * 1 }}|{{ 123.456 * 1 }}|{{ -2.5 * 1 }}|{{ 1234567890123456789 * 10.0 }}|{{ 0.5 - 0.5 }}", "", "0.0001|123.456|-2.5|1.2345678901234567e+19|0.0")]
    [InlineData("{{ value_json.Dimmer + 1 }}|{{ value_json.ENERGY.Voltage + 1 }}", Tasmota, "56|231.5")]
    public void Renders_the_subset(string source, string payload, string expected)
    {
        Assert.True(Template.TryCompile(source, out var template, out var error), error);

        var result = template.Render(TemplateContext.ForPayload(payload));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(expected, result.Output);
    }

    [Fact]
    public void Compiles_once_and_renders_many_payloads()
    {
        Assert.True(Template.TryCompile("{{ value_json.temperature | round(1) }}", out var template, out _));

        Assert.Equal("21.5", template.Render(TemplateContext.ForPayload("""{"temperature":21.46}""")).Output);
        Assert.Equal("19.0", template.Render(TemplateContext.ForPayload("""{"temperature":19}""")).Output);
    }

    [Fact]
    public void A_command_template_renders_the_value()
    {
        Assert.True(Template.TryCompile("""{"brightness": {{ value }}}""", out var template, out _));

        Assert.Equal("""{"brightness": 128}""", template.Render(TemplateContext.ForValue(128)).Output);
    }

    [Theory]
    [InlineData("{% for x in value_json %}{{ x }}{% endfor %}", "statements such as '{% for x in value_json %}' are not supported")]
    [InlineData("{% if value == 'ON' %}on{% endif %}", "statements such as '{% if value == 'ON' %}' are not supported")]
    [InlineData("{{ value | regex_replace('a', 'b') }}", "filter 'regex_replace' is not supported")]
    [InlineData("{{ value | tojson }}", "filter 'tojson' is not supported")]
    [InlineData("{{ states('sensor.x') }}", "function 'states()' is not supported")]
    [InlineData("{{ now() }}", "function 'now()' is not supported")]
    [InlineData("{{ value.split(',') }}", "method 'split()' is not supported")]
    [InlineData("{{ trigger.payload }}", "unknown name 'trigger'")]
    [InlineData("{{ value is number }}", "the test 'is number' is not supported")]
    [InlineData("{{ 'a' in value }}", "the operator 'in' is not supported")]
    [InlineData("{{ [1, 2] }}", "list and dictionary literals")]
    [InlineData("{{ value ", "never closed")]
    [InlineData("{{ value | int(1, 2, 3) }}", "takes at most 2 argument(s)")]
    [InlineData("{{ }}", "an empty expression")]
    public void Refuses_what_is_beyond_the_subset_at_compile_naming_it(string source, string message)
    {
        Assert.False(Template.TryCompile(source, out var template, out var error));

        Assert.Null(template);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_template_is_refused_at_compile()
    {
        var huge = string.Concat(Enumerable.Repeat("{{ value }}", 100_000));

        Assert.False(Template.TryCompile(huge, out _, out var error));
        Assert.Contains("the budget is 4096", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_at_compile_not_by_a_stack_overflow()
    {
        var deep = "{{ " + new string('(', 2000) + "1" + new string(')', 2000) + " }}";
        var negations = "{{ " + string.Concat(Enumerable.Repeat("not ", 2000)) + "value }}";

        Assert.False(Template.TryCompile(deep, out _, out var error, new TemplateLimits(MaxSourceLength: 10_000)));
        Assert.Contains("nested more than 32 levels", error, StringComparison.Ordinal);
        Assert.False(Template.TryCompile(negations, out _, out error, new TemplateLimits(MaxSourceLength: 10_000)));
        Assert.Contains("nested more than 32 levels", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_megabyte_payload_is_refused_before_it_is_read()
    {
        Assert.True(Template.TryCompile("{{ value_json.a }}", out var template, out _));
        var huge = "{\"a\":\"" + new string('x', 1024 * 1024) + "\"}";

        var result = template.Render(TemplateContext.ForPayload(huge));

        Assert.False(result.Succeeded);
        Assert.Contains("the template budget is 65536", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_that_would_outgrow_its_budget_is_refused()
    {
        var source = "{{ " + string.Join(" ~ ", Enumerable.Repeat("value", 400)) + " }}";
        Assert.True(Template.TryCompile(source, out var template, out var error), error);

        var result = template.Render(TemplateContext.ForPayload(new string('x', 60_000)));

        Assert.False(result.Succeeded);
        Assert.Contains("exceed its budget of 16384 characters", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_step_budget_stops_a_long_evaluation()
    {
        var source = "{{ " + string.Join(" + ", Enumerable.Repeat("1", 1500)) + " }}";
        Assert.True(Template.TryCompile(source, out var template, out var error, new TemplateLimits(MaxSourceLength: 10_000, MaxSteps: 500)), error);

        var result = template.Render(TemplateContext.ForPayload(string.Empty));

        Assert.False(result.Succeeded);
        Assert.Contains("more than 500 steps", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ value_json.temperature }}", "{\"humidity\":40}", "'value_json.temperature' is undefined")]
    [InlineData("{{ value_json.a }}", "not json", "'value_json.a' is undefined")]
    [InlineData("{{ value_json.a / 0 }}", "{\"a\":1}", "divides by zero")]
    [InlineData("{{ value_json.a + 1 }}", "{\"a\":\"x\"}", "needs numbers")]
    [InlineData("{{ value_json.a < 1 }}", "{\"a\":\"x\"}", "compares a string with a number")]
    [InlineData("{{ value | round }}", "abc", "round needs a number")]
    public void A_failed_render_is_an_error_not_an_exception_or_a_silent_blank(string source, string payload, string message)
    {
        Assert.True(Template.TryCompile(source, out var template, out _));

        var result = template.Render(TemplateContext.ForPayload(payload));

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
