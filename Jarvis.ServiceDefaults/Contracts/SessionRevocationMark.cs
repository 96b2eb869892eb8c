using System.Globalization;

namespace Jarvis.ServiceDefaults.Contracts;

/// <summary>
/// The Redis mark that voids a person's sessions up to a moment (disabled, new role, new password): chat
/// writes it, the gateway reads it on every request. Key <c>jarvis:users:{id}:sessions-valid-after</c>,
/// value the moment in unix milliseconds, no expiry.
/// </summary>
public static class SessionRevocationMark
{
    public static string Key(Guid userId) => Key(userId.ToString("D"));

    /// <param name="userId">The user id as the internal token's <c>sub</c> carries it (a UUID, lowercase, with dashes).</param>
    public static string Key(string userId) => $"jarvis:users:{userId}:sessions-valid-after";

    public static string Value(DateTimeOffset moment) => moment.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The moment a stored mark names, in unix milliseconds; false for no mark or one that is not a number.</summary>
    public static bool TryRead(string? value, out long unixMilliseconds) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out unixMilliseconds);
}
