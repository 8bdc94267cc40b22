namespace Jiyul.Hub.Hosting;

/// <summary>
/// Which reverse proxies the hub believes about the client (section <c>ForwardedHeaders</c>): <c>X-Forwarded-For</c>
/// and <c>X-Forwarded-Proto</c> are read only from a connection whose address is one of <see cref="KnownProxies"/> or
/// inside one of <see cref="KnownNetworks"/>. From anyone else they are ignored, so a client cannot pass itself off
/// as another address (to slip past a per-address limit, or to look local).
/// </summary>
public sealed record ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Whether the headers are read at all; off, every request is taken as its connection says.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Addresses of trusted proxies; null (unset) means loopback only (<c>127.0.0.1</c>, <c>::1</c>).</summary>
    public IReadOnlyList<string>? KnownProxies { get; init; }

    /// <summary>Networks of trusted proxies in CIDR form (<c>10.0.0.0/8</c>); none by default.</summary>
    public IReadOnlyList<string>? KnownNetworks { get; init; }

    /// <summary>How many proxies in a row may add themselves to <c>X-Forwarded-For</c>, each one trusted.</summary>
    public int ForwardLimit { get; init; } = 1;
}
