using System.Security.Cryptography;
using Jarvis.Chat.Model;
using Microsoft.AspNetCore.Identity;

namespace Jarvis.Chat.Infrastructure;

/// <summary>
/// The gateway's login check. An unknown user is verified against a dummy hash, so every failure
/// costs one PBKDF2 run just as a wrong password does, and the answer is the same for all of them.
/// </summary>
public sealed class CredentialCheck(UserStore users, AuditLog audit, IPasswordHasher<UserAccount> hasher)
{
    private static readonly UserAccount Nobody = new(Guid.Empty, "", UserRoles.User, true, default, default);
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public async Task<VerifiedUser?> VerifyAsync(string username, string password, string? remoteAddress, CancellationToken cancellationToken)
    {
        var found = await users.FindForLoginAsync(username, cancellationToken);
        var user = found?.User ?? Nobody;
        var result = hasher.VerifyHashedPassword(user, found?.PasswordHash ?? _dummyHash.Value, password);
        var ok = found is not null && !user.Disabled
            && result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;

        var actor = new AuditActor(found?.User.Id, username, remoteAddress);
        if (!ok)
        {
            var reason = found is null ? "unknown user" : user.Disabled ? "disabled" : "wrong password";
            await audit.WriteAsync(actor, AuditActions.LoginFailed, "user", found?.User.Id.ToString(), new { username, reason }, cancellationToken);
            return null;
        }

        if (result is PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.RehashAsync(user, password, cancellationToken);
        }

        await audit.WriteAsync(actor, AuditActions.LoginSucceeded, "user", user.Id.ToString(), new { username = user.Username }, cancellationToken);
        return new VerifiedUser(user.Id, user.Username, user.Role);
    }
}
