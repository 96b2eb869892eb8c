using Microsoft.IdentityModel.Tokens;

namespace Jarvis.ServiceDefaults.Authentication;

/// <summary>Turns the configured secret into the HS256 key, refusing weak or missing keys.</summary>
public static class InternalSigningKey
{
    public const int MinimumBytes = 32;

    public static SymmetricSecurityKey From(string? base64)
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
