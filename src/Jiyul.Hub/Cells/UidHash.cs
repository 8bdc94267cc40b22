using System.Security.Cryptography;
using System.Text;

namespace Jiyul.Hub.Cells;

/// <summary>
/// A user's stable, opaque name on the host: the first 128 bits of SHA-256 over the uid, in hex.
/// Container names, directories and logs use it so that no uid (often an email or a provider's id) leaks,
/// and a hash rather than a prefix keeps two uids that share a prefix apart.
/// </summary>
internal static class UidHash
{
    public const int Length = 32;

    public static string Of(string uid)
    {
        ArgumentException.ThrowIfNullOrEmpty(uid);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(uid), digest);
        return Convert.ToHexStringLower(digest[..(Length / 2)]);
    }

    public static bool IsWellFormed(string? value) =>
        value is { Length: Length } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
