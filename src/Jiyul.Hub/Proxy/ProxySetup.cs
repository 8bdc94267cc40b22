namespace Jiyul.Hub.Proxy;

/// <summary>Ingress: <c>/proxy/{uid}/v1/*</c> forwarded into the owner's cell.</summary>
internal static class ProxySetup
{
    public static void AddJiyulProxy(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
    }

    public static void MapJiyulProxy(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
