using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Jiyul.Hub.Tests.Identity;

/// <summary>
/// Stands in for an issuer: an RSA key whose public half is written as a JWKS file for the hub
/// (Identity:Jwt:SigningKeysFile), and tokens signed with it, or deliberately wrong.
/// </summary>
internal sealed class TokenMint : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenMint()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("jiyul-jwks-").FullName;
        JwksFile = Path.Combine(Directory, "jwks.json");
        File.WriteAllText(JwksFile, Jwks(_rsa, KeyId));
    }

    public string KeyId { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public string Directory { get; }

    public string JwksFile { get; }

    public SigningCredentials Credentials =>
        new(new RsaSecurityKey(_rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);

    /// <summary>A key of the forger's own under this issuer's key id: the signature must not verify.</summary>
    public SigningCredentials ForgedCredentials() =>
        new(new RsaSecurityKey(RSA.Create(2048)) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);

    public byte[] PublicKeyBytes => Encoding.ASCII.GetBytes(_rsa.ExportSubjectPublicKeyInfoPem());

    public string Mint(
        string issuer,
        string audience,
        string? subject,
        DateTime? expires = null,
        SigningCredentials? credentials = null,
        IDictionary<string, object>? claims = null,
        DateTime? issuedAt = null)
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddMinutes(30);
        var issued = exp.AddHours(-1) < now ? exp.AddHours(-1) : now;
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>(), StringComparer.Ordinal);
        if (subject is not null)
        {
            all[JwtRegisteredClaimNames.Sub] = subject;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt ?? issued,
            NotBefore = issued,
            Expires = exp,
            Claims = all,
            SigningCredentials = credentials ?? Credentials,
        });
    }

    /// <summary>A token with <c>alg: none</c> and an empty signature segment.</summary>
    public static string Unsigned(string issuer, string audience, string subject)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = JsonSerializer.Serialize(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" });
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["iat"] = now,
            ["exp"] = now + 1800,
        });
        return Base64UrlEncoder.Encode(header) + "." + Base64UrlEncoder.Encode(payload) + ".";
    }

    public void Dispose()
    {
        _rsa.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }

    private static string Jwks(RSA rsa, string keyId)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var key = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = keyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = new[] { key } });
    }
}
