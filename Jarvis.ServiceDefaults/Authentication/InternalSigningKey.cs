using Microsoft.IdentityModel.Tokens;

namespace Jarvis.ServiceDefaults.Authentication;

/// <summary>Turns the configured secret into the HS256 key, refusing weak or missing keys.</summary>
public static class InternalSigningKey
{
    public const int MinimumBytes = 32;

    // One key object per configured value: a new object per request would defeat the token
    // handler's cache of signature providers (one HMAC instance per key) on every call.
    private static volatile Tuple<string, SymmetricSecurityKey>? _last;  // a reference: read and replaced atomically

    public static SymmetricSecurityKey From(string? base64)
    {
        if (_last is { } last && string.Equals(last.Item1, base64, StringComparison.Ordinal))
        {
            return last.Item2;
        }

        var key = Create(base64);
        _last = Tuple.Create(base64!, key);
        return key;
    }

    private static SymmetricSecurityKey Create(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException(
                $"No internal signing key: the secret '{InternalAuthOptions.SectionName.Replace(":", "__", StringComparison.Ordinal)}__SigningKey' is missing from JARVIS_SECRETS_DIR.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException("The internal signing key is not valid base64.", ex);
        }

        if (bytes.Length < MinimumBytes)
        {
            throw new InvalidOperationException($"The internal signing key must hold at least {MinimumBytes} bytes.");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = "jarvis-internal" };
    }
}
