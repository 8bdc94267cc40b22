using Jiyul.Hub.Identity;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Hosting;

/// <summary>
/// Refuses combinations of settings that are safe on this machine alone and unsafe once other machines can connect:
/// a hub listening on an address that is not loopback must not also be open to anyone's registration, nor carry
/// passwords and tokens over plain HTTP, unless the operator said so with a setting of its own. Every reason is listed.
/// A hub on 127.0.0.1 behind a tunnel or proxy is reachable from anywhere too, but only its operator knows that: these
/// checks see the listen address, and the README's production section covers the rest.
/// </summary>
internal sealed class ExposureValidator(IConfiguration configuration) : IValidateOptions<HubOptions>
{
    private const string Registration = $"{HubIdentityOptions.SectionName}:{nameof(HubIdentityOptions.LocalAccounts)}";

    public ValidateOptionsResult Validate(string? name, HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var open = ListenAddresses.From(configuration).Where(url => !ListenAddresses.IsLocalOnly(url)).ToList();
        if (open.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var where = string.Join(", ", open);
        var local = configuration.GetSection(Registration).Get<LocalAccountsOptions>() ?? new LocalAccountsOptions();
        if (local is { Enabled: true, AllowRegistration: true, AllowPublicRegistration: false })
        {
            failures.Add($"The hub listens on {where}, which is not a loopback address, and local accounts are open to "
                + $"registration ({Registration}:AllowRegistration is true): anyone who reaches that address can make "
                + $"an account and have a cell started. Set {Registration}:AllowRegistration=false, or "
                + $"{Registration}:AllowPublicRegistration=true if anyone may sign up.");
        }

        var plain = open.Where(ListenAddresses.IsPlainHttp).ToList();
        if (plain.Count > 0 && !options.AllowPublicHttp)
        {
            failures.Add($"The hub serves plain HTTP on {string.Join(", ", plain)}, which is not a loopback address: "
                + "passwords and bearer tokens would cross the network unencrypted. Listen on 127.0.0.1 behind a TLS "
                + "proxy or tunnel (deploy/nginx, deploy/cloudflared), serve https, or set "
                + $"{HubOptions.SectionName}:AllowPublicHttp=true if the network in between is private.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
