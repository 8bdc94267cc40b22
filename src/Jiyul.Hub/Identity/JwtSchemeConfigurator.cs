using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Jiyul.Hub.Identity;

/// <summary>
/// Sets up the Firebase and OIDC schemes from the validated <see cref="HubIdentityOptions"/>. A scheme whose
/// provider is off is left with nothing to trust (no issuer, audience or keys): it rejects every token.
/// </summary>
internal sealed class JwtSchemeConfigurator(
    IOptions<HubIdentityOptions> options,
    OfflineSigningKeys offlineKeys,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<JwtSchemeConfigurator> logger) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions jwtOptions)
    {
        ArgumentNullException.ThrowIfNull(jwtOptions);
        var identity = options.Value;
        switch (name)
        {
            case SignInSchemes.Firebase when identity.Firebase.Enabled:
                Apply(jwtOptions, new Trust(
                    SignInSchemes.Firebase,
                    SignInProviders.FirebaseAuthenticationType,
                    Authority: identity.Firebase.Issuer,
                    Issuer: identity.Firebase.Issuer,
                    Audience: identity.Firebase.ProjectId!,
                    // Firebase signs ID tokens with RS256 and nothing else.
                    Algorithms: [SecurityAlgorithms.RsaSha256]));
                break;

            case SignInSchemes.Oidc when identity.Oidc.Enabled:
                Apply(jwtOptions, new Trust(
                    SignInSchemes.Oidc,
                    SignInProviders.OidcAuthenticationType,
                    Authority: identity.Oidc.Authority!,
                    Issuer: identity.Oidc.EffectiveIssuer,
                    Audience: identity.Oidc.Audience!,
                    Algorithms: identity.Oidc.EffectiveAlgorithms));
                break;

            default:
                break;
        }
    }

    private void Apply(JwtBearerOptions jwtOptions, Trust trust)
    {
        var jwt = options.Value.Jwt;

        // Keep claim names as the issuer wrote them: "sub" stays "sub" instead of becoming a long SOAP-era URI.
        jwtOptions.MapInboundClaims = false;
        jwtOptions.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = trust.Issuer,
            ValidateAudience = true,
            ValidAudience = trust.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = jwt.ClockSkew,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = [.. trust.Algorithms],
            AuthenticationType = trust.AuthenticationType,
            NameClaimType = JwtRegisteredClaimNames.Sub,
        };

        var keys = offlineKeys.Keys;
        if (keys is not null)
        {
            // A configuration given up front stops the handler from ever asking the issuer for metadata or keys.
            var configuration = new OpenIdConnectConfiguration { Issuer = trust.Issuer };
            foreach (var key in keys)
            {
                configuration.SigningKeys.Add(key);
            }

            jwtOptions.Configuration = configuration;
            jwtOptions.TokenValidationParameters.IssuerSigningKeys = keys;
            var file = OfflineSigningKeys.ResolvePath(jwt, environment) ?? "";
            logger.UsingOfflineKeys(trust.Scheme, keys.Count, file);
        }
        else
        {
            jwtOptions.Authority = trust.Authority;

            // The validator lets plain http through only for a loopback issuer, a developer's own.
            jwtOptions.RequireHttpsMetadata = new Uri(trust.Authority).Scheme == Uri.UriSchemeHttps;
        }

        jwtOptions.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = context =>
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    logger.TokenRejected(trust.Scheme, ReasonOf(context.Exception));
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (CheckSubject(context, jwt.ClockSkew) is { } reason)
                {
                    logger.TokenSubjectRejected(trust.Scheme, reason);
                    context.Fail(reason);
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// What the signature and lifetime checks leave open: one usable subject, an issue time not ahead.
    /// </summary>
    private string? CheckSubject(TokenValidatedContext context, TimeSpan clockSkew)
    {
        var subjects = context.Principal?.FindAll(JwtRegisteredClaimNames.Sub).ToList() ?? [];
        if (subjects.Count != 1)
        {
            return subjects.Count == 0 ? "the token has no sub" : "the token has more than one sub";
        }

        var subject = subjects[0].Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            return "the token's sub is empty";
        }

        if (subject.Length > JwtOptions.MaxSubjectLength)
        {
            return $"the token's sub is {subject.Length} characters long; "
                + $"at most {JwtOptions.MaxSubjectLength} are accepted";
        }

        if (context.SecurityToken is JsonWebToken token && token.IssuedAt > time.GetUtcNow().UtcDateTime + clockSkew)
        {
            return "the token was issued in the future (iat)";
        }

        return null;
    }

    // A short reason for the log; the exception's own message is not logged because some carry token contents.
    private static string ReasonOf(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenNoExpirationException => "no expiry",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAlgorithmException => "algorithm not accepted",
        SecurityTokenSignatureKeyNotFoundException => "signed with an unknown key",
        SecurityTokenInvalidSignatureException => "bad or missing signature",
        SecurityTokenMalformedException or ArgumentException => "malformed",
        _ => exception.GetType().Name,
    };

    private sealed record Trust(
        string Scheme,
        string AuthenticationType,
        string Authority,
        string Issuer,
        string Audience,
        IReadOnlyList<string> Algorithms);
}
