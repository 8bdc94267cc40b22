using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Identity;

/// <summary>
/// Checks the sign-in settings at start-up and lists every problem at once, each with the wrong value.
/// </summary>
internal sealed partial class HubIdentityOptionsValidator(IHostEnvironment environment)
    : IValidateOptions<HubIdentityOptions>
{
    /// <summary>
    /// Asymmetric algorithms only: with a symmetric one, whoever holds the verification key could mint tokens.
    /// </summary>
    private static readonly HashSet<string> _asymmetricAlgorithms = new(StringComparer.Ordinal)
    {
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    };

    private static readonly TimeSpan _maxClockSkew = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, HubIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!options.LocalAccounts.Enabled && !options.Firebase.Enabled && !options.Oidc.Enabled)
        {
            failures.Add("No sign-in method is on: Identity:LocalAccounts:Enabled is false and neither "
                + "Identity:Firebase:ProjectId nor Identity:Oidc:Authority is set.");
        }

        ValidateLocalAccounts(options.LocalAccounts, failures);
        ValidateFirebase(options.Firebase, failures);
        ValidateOidc(options, failures);
        ValidateJwt(options, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateLocalAccounts(LocalAccountsOptions local, List<string> failures)
    {
        if (local.AccessTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add($"Identity:LocalAccounts:AccessTokenLifetime is {Show(local.AccessTokenLifetime)}; "
                + "it must be greater than zero.");
        }

        if (local.RefreshTokenLifetime < local.AccessTokenLifetime)
        {
            failures.Add($"Identity:LocalAccounts:RefreshTokenLifetime is {Show(local.RefreshTokenLifetime)}; "
                + "it must be at least Identity:LocalAccounts:AccessTokenLifetime "
                + $"({Show(local.AccessTokenLifetime)}).");
        }
    }

    private static void ValidateFirebase(FirebaseOptions firebase, List<string> failures)
    {
        if (firebase.ProjectId is not null && firebase.Enabled && !FirebaseProjectId().IsMatch(firebase.ProjectId))
        {
            failures.Add($"Identity:Firebase:ProjectId '{firebase.ProjectId}' is not a Firebase project id: 6 to 30 "
                + "lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen.");
        }
    }

    private static void ValidateOidc(HubIdentityOptions options, List<string> failures)
    {
        var oidc = options.Oidc;
        if (!oidc.Enabled)
        {
            if (!string.IsNullOrWhiteSpace(oidc.Audience))
            {
                failures.Add("Identity:Oidc:Audience is set but Identity:Oidc:Authority is not; "
                    + "set both to sign in with OIDC.");
            }

            return;
        }

        if (!IsAllowedIssuerAddress(oidc.Authority, out var why))
        {
            failures.Add($"Identity:Oidc:Authority '{oidc.Authority}' {why}.");
        }

        if (!string.IsNullOrWhiteSpace(oidc.Issuer) && !Uri.TryCreate(oidc.Issuer, UriKind.Absolute, out _))
        {
            failures.Add($"Identity:Oidc:Issuer '{oidc.Issuer}' is not an absolute URI.");
        }

        if (string.IsNullOrWhiteSpace(oidc.Audience))
        {
            failures.Add("Identity:Oidc:Audience is empty; "
                + "it must name the audience (aud) that the issuer puts in tokens for this hub.");
        }

        foreach (var algorithm in oidc.EffectiveAlgorithms.Where(a => !_asymmetricAlgorithms.Contains(a)))
        {
            failures.Add($"Identity:Oidc:ValidAlgorithms holds '{algorithm}'; only asymmetric algorithms are accepted: "
                + string.Join(", ", _asymmetricAlgorithms) + ".");
        }

        if (options.Firebase.Enabled
            && string.Equals(oidc.EffectiveIssuer, options.Firebase.Issuer, StringComparison.Ordinal))
        {
            failures.Add($"Identity:Oidc names the Firebase issuer '{oidc.EffectiveIssuer}'; "
                + "set Identity:Firebase:ProjectId alone.");
        }
    }

    private void ValidateJwt(HubIdentityOptions options, List<string> failures)
    {
        var jwt = options.Jwt;
        if (jwt.ClockSkew < TimeSpan.Zero || jwt.ClockSkew > _maxClockSkew)
        {
            failures.Add($"Identity:Jwt:ClockSkew is {Show(jwt.ClockSkew)}; it must be between {Show(TimeSpan.Zero)} "
                + $"and {Show(_maxClockSkew)}.");
        }

        var path = OfflineSigningKeys.ResolvePath(jwt, environment);
        if (path is null)
        {
            return;
        }

        if (!options.Firebase.Enabled && !options.Oidc.Enabled)
        {
            failures.Add($"Identity:Jwt:SigningKeysFile is set ('{path}') but neither Identity:Firebase:ProjectId "
                + "nor Identity:Oidc:Authority is; the keys would verify nothing.");
        }

        if (!SigningKeysFile.TryRead(path, out _, out var problem))
        {
            failures.Add($"Identity:Jwt:SigningKeysFile '{path}' {problem}.");
        }
    }

    /// <summary>
    /// HTTPS, or plain HTTP to this machine only (a developer's issuer); no query, fragment or user info.
    /// </summary>
    private static bool IsAllowedIssuerAddress(string? value, out string why)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            why = "is not an absolute URI";
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            why = "must use https (plain http is allowed only for a loopback address)";
            return false;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            why = "must not carry a query, a fragment or user info";
            return false;
        }

        why = "";
        return true;
    }

    private static string Show(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex FirebaseProjectId();
}
