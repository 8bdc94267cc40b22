namespace Jiyul.Hub.Limits;

/// <summary>
/// Names of the per-user rate limiter policies. Each area registers its own policy with
/// <c>AddRateLimiter(o => o.AddPolicy(...))</c> and puts it on its endpoints with <c>RequireRateLimiting</c>;
/// <see cref="LimitsSetup"/> answers every rejection the same way.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Posting a message: messages per minute and concurrent chats.</summary>
    public const string Messages = "messages";

    /// <summary>Uploading a file: uploads per minute.</summary>
    public const string Uploads = "uploads";

    /// <summary>Signing in and registering: attempts per minute from one client address.</summary>
    public const string SignIn = "sign-in";
}
