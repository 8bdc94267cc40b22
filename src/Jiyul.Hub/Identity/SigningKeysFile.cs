using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Jiyul.Hub.Identity;

/// <summary>
/// Reads the JWKS file of <see cref="JwtOptions.SigningKeysFile"/>, for the validator and the JWT schemes.
/// </summary>
internal static class SigningKeysFile
{
    public static bool TryRead(
        string path,
        [NotNullWhen(true)] out IReadOnlyList<SecurityKey>? keys,
        [NotNullWhen(false)] out string? problem)
    {
        keys = null;
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read ({e.GetType().Name}: {e.Message})";
            return false;
        }

        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            problem = "is not a JSON Web Key Set (a JSON object with a \"keys\" array)";
            return false;
        }

        // Only public, asymmetric keys belong here: a symmetric key would let anyone who reads the file mint tokens,
        // and a private key has no business on the verifying side.
        if (set.Keys.Any(k => k.Kty == JsonWebAlgorithmsKeyTypes.Octet))
        {
            problem = "holds a symmetric (\"oct\") key; only RSA or EC public keys are accepted";
            return false;
        }

        if (set.Keys.Any(k => k.HasPrivateKey))
        {
            problem = "holds private key material; give the hub the public keys only";
            return false;
        }

        var signing = set.GetSigningKeys();
        if (signing.Count == 0)
        {
            problem = "holds no usable RSA or EC signing key";
            return false;
        }

        keys = [.. signing];
        problem = null;
        return true;
    }
}
