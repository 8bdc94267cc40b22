using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Data;
using Jiyul.Hub.Hosting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

using Jiyul.Hub.Limits;

namespace Jiyul.Hub.Identity;

/// <summary>
/// <c>/api/auth</c>: local accounts (register, login, refresh) and <c>whoami</c> for every provider.
/// Only these four are served; Identity's account management endpoints (two-factor, email change, password reset
/// by mail) are left out until the hub can send mail and has a page for them.
/// </summary>
/// <remarks>
/// The handlers take no cancellation token because <see cref="UserManager{TUser}"/> and
/// <see cref="SignInManager{TUser}"/> accept none; each of their calls is one short database round trip.
/// </remarks>
internal static class AuthEndpoints
{
    private const string LogCategory = "Jiyul.Hub.Identity.AuthEndpoints";
    private static readonly EmailAddressAttribute _emailAddress = new();

    public static void MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags(ApiTags.Auth);
        auth.MapPost("/register", RegisterAsync).RequireRateLimiting(RateLimitPolicies.SignIn)
            .WithName("Register").WithSummary("Creates a local account; sign in with it afterwards.")
            .ResponseMeans(StatusCodes.Status200OK, "The account exists.")
            .ResponseMeans(StatusCodes.Status400BadRequest, "Email or password missing or not accepted; the errors say which rule.")
            .ProblemMeans(StatusCodes.Status403Forbidden, "Registration is closed on this hub.")
            .ProblemMeans(StatusCodes.Status404NotFound, "Local accounts are off on this hub.");
        auth.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimitPolicies.SignIn)
            .WithName("Login").WithSummary("Signs in with email and password; answers an access token and a refresh token.")
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK)
            .ResponseMeans(StatusCodes.Status400BadRequest, "Email or password missing.")
            .ProblemMeans(StatusCodes.Status401Unauthorized, "Wrong email or password, or locked out after too many failures.")
            .ProblemMeans(StatusCodes.Status404NotFound, "Local accounts are off on this hub.");
        auth.MapPost("/refresh", RefreshAsync)
            .WithName("Refresh").WithSummary("Trades a refresh token for a new access token and refresh token.")
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK)
            .ProblemMeans(StatusCodes.Status401Unauthorized, "The refresh token is not valid any more; sign in again.")
            .ProblemMeans(StatusCodes.Status404NotFound, "Local accounts are off on this hub.");
        auth.MapGet("/whoami", WhoAmI).RequireAuthorization()
            .WithName("WhoAmI").WithSummary("Who the caller is: uid, email and the provider that signed them in.");
    }

    private static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        Credentials credentials,
        UserManager<JiyulUser> users,
        IOptions<HubIdentityOptions> options,
        ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(LogCategory);
        var local = options.Value.LocalAccounts;
        if (!local.Enabled)
        {
            return LocalAccountsOff();
        }

        if (!local.AllowRegistration)
        {
            logger.RegistrationRefused("registration is closed");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Registration is closed",
                detail: "This hub does not take new accounts (Identity:LocalAccounts:AllowRegistration is false).");
        }

        if (Missing(credentials) is { } missing)
        {
            return missing;
        }

        if (!_emailAddress.IsValid(credentials.Email))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["InvalidEmail"] = ["The email address is not well formed."],
            });
        }

        var user = new JiyulUser { UserName = credentials.Email, Email = credentials.Email };
        var result = await users.CreateAsync(user, credentials.Password!);
        if (!result.Succeeded)
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.RegistrationRefused(string.Join(", ", result.Errors.Select(e => e.Code)));
            }

            return TypedResults.ValidationProblem(result.Errors
                .GroupBy(e => e.Code, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray(), StringComparer.Ordinal));
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.AccountRegistered(UidHash.Of(user.Id));
        }

        return TypedResults.Ok();
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> LoginAsync(
        Credentials credentials,
        SignInManager<JiyulUser> signIn,
        IOptions<HubIdentityOptions> options,
        ILoggerFactory loggerFactory)
    {
        if (!options.Value.LocalAccounts.Enabled)
        {
            return LocalAccountsOff();
        }

        if (Missing(credentials) is { } missing)
        {
            return missing;
        }

        // The bearer scheme's sign-in writes the answer itself: {tokenType, accessToken, expiresIn, refreshToken}.
        signIn.AuthenticationScheme = SignInSchemes.Local;
        var result = await signIn.PasswordSignInAsync(
            credentials.Email!, credentials.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }

        var logger = loggerFactory.CreateLogger(LogCategory);
        if (result.IsLockedOut)
        {
            logger.SignInRefused("locked out");
            return Unauthorized("Too many failed attempts; try again in a few minutes.");
        }

        logger.SignInRefused(result.IsNotAllowed ? "not allowed" : "wrong email or password");
        return Unauthorized("The email address or the password is wrong.");
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request,
        SignInManager<JiyulUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        IOptions<HubIdentityOptions> options,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        if (!options.Value.LocalAccounts.Enabled)
        {
            return LocalAccountsOff();
        }

        var logger = loggerFactory.CreateLogger(LogCategory);
        var ticket = bearerOptions.Get(SignInSchemes.Local).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires)
        {
            logger.RefreshRefused(ticket is null ? "not a refresh token of this hub" : "expired");
            return Unauthorized("The refresh token is not valid; sign in again.");
        }

        // A changed security stamp (new password, for one) voids every refresh token issued before it.
        var user = await signIn.ValidateSecurityStampAsync(ticket.Principal);
        if (user is null || !await signIn.CanSignInAsync(user) || await signIn.UserManager.IsLockedOutAsync(user))
        {
            logger.RefreshRefused(user is null ? "stale security stamp or deleted account" : "account may not sign in");
            return Unauthorized("The refresh token is not valid; sign in again.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: SignInSchemes.Local);
    }

    private static Results<Ok<WhoAmIAnswer>, UnauthorizedHttpResult> WhoAmI(ClaimsPrincipal caller)
    {
        var uid = caller.GetUid();
        var provider = caller.GetProvider();
        if (uid is null || provider is null)
        {
            return TypedResults.Unauthorized();
        }

        return TypedResults.Ok(new WhoAmIAnswer(uid, caller.GetEmail(), provider));
    }

    private static ValidationProblem? Missing(Credentials credentials)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(credentials.Email))
        {
            errors["email"] = ["The email address is required."];
        }

        if (string.IsNullOrEmpty(credentials.Password))
        {
            errors["password"] = ["The password is required."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    private static ProblemHttpResult LocalAccountsOff() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Local accounts are off",
        detail: "This hub signs people in through another provider (Identity:LocalAccounts:Enabled is false).");

    private static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Not signed in",
        detail: detail);
}
