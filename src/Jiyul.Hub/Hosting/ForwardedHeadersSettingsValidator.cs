using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Hosting;

/// <summary>Checks the <c>ForwardedHeaders</c> section and lists every problem; trusting everyone is one.</summary>
internal sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    private const string Section = ForwardedHeadersSettings.SectionName;

    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var proxy in options.KnownProxies ?? [])
        {
            if (!IPAddress.TryParse(proxy, out var address))
            {
                failures.Add($"{Section}:KnownProxies has '{proxy}', which is not an IP address.");
            }
            else if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            {
                failures.Add($"{Section}:KnownProxies has '{proxy}': an unspecified address trusts nobody in particular; " +
                             "name the proxy's own address.");
            }
        }

        foreach (var network in options.KnownNetworks ?? [])
        {
            if (!System.Net.IPNetwork.TryParse(network, out var parsed))
            {
                failures.Add($"{Section}:KnownNetworks has '{network}', which is not a network in CIDR form (10.0.0.0/8).");
            }
            else if (parsed.PrefixLength == 0)
            {
                failures.Add($"{Section}:KnownNetworks has '{network}', which holds every address: anyone could then " +
                             "claim any client address. Name the proxies' network.");
            }
        }

        if (options.ForwardLimit is < 1 or > 10)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Section}:ForwardLimit is {options.ForwardLimit}; it must be between 1 and 10."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
