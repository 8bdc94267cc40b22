using System.Net;

namespace Jiyul.Hub.Hosting;

/// <summary>
/// The addresses Kestrel will listen on, read from the same settings it reads (<c>Kestrel:Endpoints</c>, then
/// <c>urls</c>, then <c>http_ports</c> and <c>https_ports</c>), so that start-up checks can tell a hub reachable from
/// other machines from one that only this machine reaches.
/// </summary>
internal static class ListenAddresses
{
    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>()
            .Where(url => url.Length > 0)
            .ToList();
        if (endpoints.Count > 0)
        {
            return endpoints;
        }

        var urls = Split(configuration["urls"]);
        if (urls.Count > 0)
        {
            return urls;
        }

        // Ports alone bind every address, as Kestrel does with them.
        var ports = Split(configuration["http_ports"]).Select(port => $"http://*:{port}")
            .Concat(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"))
            .ToList();
        return ports.Count > 0 ? ports : [HubApplication.DefaultUrl];
    }

    /// <summary>
    /// Whether only this machine can connect: a loopback address, <c>localhost</c>, or a unix socket. Wildcards
    /// (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>), any other address and any other host name are public.
    /// </summary>
    public static bool IsLocalOnly(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd < 0 ? url : url[(schemeEnd + 3)..];
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var authority = rest.Split('/', 2)[0];
        string host;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? authority : authority[1..close];
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
               || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Whether the URL serves plain HTTP (Kestrel treats a URL without a scheme as http too).</summary>
    public static bool IsPlainHttp(string url) =>
        !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static List<string> Split(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
