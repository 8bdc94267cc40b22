using Jiyul.Hub.Cells;

namespace Jiyul.Hub.Files;

/// <summary>
/// Storage keys: <c>{uidHash}/{fileId}</c>, both lower-case hex. Nothing of the user's file name or uid reaches
/// a key, so a name cannot steer where bytes go, and a key in a bucket listing says nothing about its owner.
/// </summary>
internal static class BlobKeys
{
    public static string For(string ownerUid, Guid fileId) => $"{UidHash.Of(ownerUid)}/{fileId:N}";

    public static bool IsWellFormed(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash == UidHash.Length
               && UidHash.IsWellFormed(key[..slash])
               && key.Length == slash + 33
               && key[(slash + 1)..].All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
    }

    /// <summary>Throws for a key the hub could not have made; stores check before touching anything.</summary>
    public static void EnsureWellFormed(string key)
    {
        if (!IsWellFormed(key))
        {
            throw new ArgumentException($"'{key}' is not a storage key of the form {{uidHash}}/{{fileId}}.", nameof(key));
        }
    }
}
