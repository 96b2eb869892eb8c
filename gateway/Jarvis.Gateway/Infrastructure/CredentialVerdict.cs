using Jarvis.Gateway.Model;

namespace Jarvis.Gateway.Infrastructure;

/// <summary>What the credential check said: a user, a refusal, or no answer at all.</summary>
public sealed record CredentialVerdict(SignedInUser? User, bool ServiceAnswered)
{
    public static readonly CredentialVerdict Refused = new(null, true);
    public static readonly CredentialVerdict Unavailable = new(null, false);

    public static CredentialVerdict Accepted(SignedInUser user) => new(user, true);
}
