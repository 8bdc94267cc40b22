namespace Jiyul.Hub.Proxy;

/// <summary>Limits of the ingress proxy (section <c>Proxy</c>).</summary>
public sealed record ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Largest request body forwarded into a cell, in bytes; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>How long a response may go without a byte before the proxy gives up on it.</summary>
    public TimeSpan ResponseIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
