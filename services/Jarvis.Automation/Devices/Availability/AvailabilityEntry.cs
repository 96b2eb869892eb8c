using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Availability;

/// <summary>One availability topic with the payloads that mean available and not available.</summary>
/// <param name="ValueTemplate">Applied to the payload before it is compared, when given.</param>
public sealed record AvailabilityEntry(string Topic, string PayloadAvailable, string PayloadNotAvailable, Template? ValueTemplate)
{
    /// <summary>What <paramref name="payload"/> on this topic says; unknown when it matches neither payload.</summary>
    public AvailabilityStatus Read(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var value = payload;
        if (ValueTemplate is not null)
        {
            var rendered = ValueTemplate.Render(TemplateContext.ForPayload(payload));
            if (!rendered.Succeeded)
            {
                return AvailabilityStatus.Unknown;
            }

            value = rendered.Output!;
        }

        return value == PayloadAvailable ? AvailabilityStatus.Available
            : value == PayloadNotAvailable ? AvailabilityStatus.Unavailable
            : AvailabilityStatus.Unknown;
    }
}
