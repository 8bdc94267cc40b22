using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Jiyul.Hub.Identity;

/// <summary>
/// Remembers the tickets of local access tokens already decrypted, so that a client sending the same token on
/// every request pays for Data Protection's key derivation, decryption and MAC check once, not on each request
/// (measured: about 150 µs and 11 KB per request on this 2-core host). Nothing is weakened: a local access token
/// cannot be revoked before it expires either way, and the handler still checks the expiry of every ticket.
/// Each caller gets its own copy of the principal, so no request can change what another sees.
/// </summary>
internal sealed class VerifiedTicketCache(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time)
    : ISecureDataFormat<AuthenticationTicket>
{
    // Bounded: past this many live tokens the cache starts over rather than grow without end.
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, AuthenticationTicket> _tickets = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText) || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        if (_tickets.TryGetValue(protectedText, out var known))
        {
            if (known.Properties.ExpiresUtc > time.GetUtcNow())
            {
                return Copy(known);
            }

            _tickets.TryRemove(protectedText, out _);
            return inner.Unprotect(protectedText);
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket?.Properties.ExpiresUtc is { } expires && expires > time.GetUtcNow())
        {
            if (_tickets.Count >= Capacity)
            {
                _tickets.Clear();
            }

            _tickets[protectedText] = Copy(ticket);
        }

        return ticket;
    }

    // ClaimsPrincipal.Clone shares its identities; each identity is cloned here so that claims are not shared.
    private static AuthenticationTicket Copy(AuthenticationTicket ticket) => new(
        new ClaimsPrincipal(ticket.Principal.Identities.Select(identity => identity.Clone())),
        ticket.Properties.Clone(),
        ticket.AuthenticationScheme);
}
