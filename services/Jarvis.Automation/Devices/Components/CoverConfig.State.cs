using System.Globalization;
using Jarvis.Automation.Devices.State;

namespace Jarvis.Automation.Devices.Components;

public sealed partial record CoverConfig
{
    internal override void Read(StateBuilder state)
    {
        if (state.Is(StateTopic) && state.Render(ValueTemplate, "value_template") is { } value)
        {
            if (value == StateOpen || value == StateStopped)
            {
                state.SetState("open");
            }
            else if (value == StateOpening)
            {
                state.SetState("opening");
            }
            else if (value == StateClosed)
            {
                state.SetState("closed");
            }
            else if (value == StateClosing)
            {
                state.SetState("closing");
            }
            else
            {
                state.Errors.Add($"'{OnOff.Shorten(value)}' is none of the cover states {StateOpen}, {StateOpening}, {StateClosed}, {StateClosing}, {StateStopped}");
            }
        }

        if (state.Is(PositionTopic) && state.Render(PositionTemplate, "position_template") is { } text)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var raw) || !double.IsFinite(raw))
            {
                state.Errors.Add($"position_template: '{OnOff.Shorten(text)}' is not a number");
                return;
            }

            var percent = (int)Math.Clamp(Math.Round((raw - PositionClosed) * 100 / (PositionOpen - PositionClosed), MidpointRounding.AwayFromZero), 0, 100);
            state.Attributes["current_position"] = percent;
            if (StateTopic is null || StateTopic == PositionTopic && state.State is null)
            {
                state.SetState(percent == 0 ? "closed" : "open");
            }
        }
    }
}
