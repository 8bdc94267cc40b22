using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Hosting;

/// <summary>
/// Reads <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from trusted proxies only
/// (<see cref="ForwardedHeadersSettings"/>), first in the pipeline, so that logs, per-address limits and the scheme
/// see the real client behind a tunnel or nginx.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static void AddJiyulForwardedHeaders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((forwarded, settings) =>
        {
            var trust = settings.Value;
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = trust.ForwardLimit;

            // The framework's defaults are loopback too; they are cleared so that the list is exactly the setting.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in trust.KnownProxies ?? ["127.0.0.1", "::1"])
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }

            foreach (var network in trust.KnownNetworks ?? [])
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    forwarded.KnownIPNetworks.Add(parsed);
                }
            }
        });
    }

    public static void UseJiyulForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }
    }
}
