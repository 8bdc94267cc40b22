namespace Jiyul.Hub.Proxy;

/// <summary>Ingress: <c>/proxy/{uid}/v1/*</c> forwarded into the owner's cell.</summary>
internal static class ProxySetup
{
    public static void AddJiyulProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName)
            .Validate(o => o.MaxRequestBodyBytes > 0, "Proxy:MaxRequestBodyBytes must be greater than 0.")
            .Validate(o => o.ResponseIdleTimeout > TimeSpan.Zero, "Proxy:ResponseIdleTimeout must be greater than zero.")
            .ValidateOnStart();
        builder.Services.AddHttpForwarder();
    }

    public static void MapJiyulProxy(this WebApplication app)
    {
        app.Map("/proxy/{uid}/v1/{**rest}", ProxyEndpoint.HandleAsync)
            .RequireAuthorization()
            .WithName("Proxy")
            .WithSummary("Forwards an OpenAI-compatible request into the caller's own cell.");
    }
}
