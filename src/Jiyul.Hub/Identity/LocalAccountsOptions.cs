namespace Jiyul.Hub.Identity;

/// <summary>Accounts kept in the hub's own store (section <c>Identity:LocalAccounts</c>).</summary>
public sealed record LocalAccountsOptions
{
    /// <summary>Whether <c>/api/auth/login</c> and the hub's own bearer tokens work at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Whether anyone may create an account through <c>/api/auth/register</c>.</summary>
    public bool AllowRegistration { get; init; } = true;

    /// <summary>
    /// Confirms that registration may stay open while the hub listens on an address that is not loopback; without it
    /// such a hub refuses to start (see <c>Hosting.ExposureValidator</c>).
    /// </summary>
    public bool AllowPublicRegistration { get; init; }

    /// <summary>How long an access token from <c>/api/auth/login</c> or <c>/api/auth/refresh</c> is good for.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a refresh token is good for; signing in again is needed after it.</summary>
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromDays(14);
}
