using System.Text.RegularExpressions;

namespace Jarvis.Automation.Mqtt;

/// <summary>This replica's MQTT identity: its client id, and whether state topics are shared with other replicas.</summary>
public sealed partial record MqttClientIdentity(string ClientId, bool SharedSubscriptions)
{
    public const string ClientIdPrefix = "jarvis-automation-";

    /// <summary>The shared-subscription group every replica joins: <c>$share/jarvis-automation/&lt;filter&gt;</c>.</summary>
    public const string ShareGroup = "jarvis-automation";

    /// <summary>
    /// The configured <see cref="ReplicaOptions.ReplicaIndex"/>; unset, 0 for one replica, else the slot
    /// <paramref name="claimSlot"/> takes (<see cref="ReplicaSlot"/>).
    /// </summary>
    public static MqttClientIdentity From(ReplicaOptions replicas, Func<int>? claimSlot)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        if (replicas.Replicas < 1)
        {
            throw new InvalidOperationException($"{ReplicaOptions.SectionName}:Replicas must be at least 1.");
        }

        var index = replicas.ReplicaIndex?.Trim();
        if (string.IsNullOrEmpty(index))
        {
            index = replicas.Replicas == 1 ? "0"
                : claimSlot?.Invoke().ToString(System.Globalization.CultureInfo.InvariantCulture)
                ?? throw new InvalidOperationException(
                    $"{ReplicaOptions.SectionName}:ReplicaIndex must be set when {ReplicaOptions.SectionName}:Replicas is above 1.");
        }

        if (!IndexPattern().IsMatch(index))
        {
            throw new InvalidOperationException($"{ReplicaOptions.SectionName}:ReplicaIndex must be 1..40 letters, digits, '-' or '_'.");
        }

        return new MqttClientIdentity(ClientIdPrefix + index, replicas.Replicas > 1);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex IndexPattern();
}
