using System.Security.Cryptography;
using System.Text;
using Jiyul.Hub.Hosting;

namespace Jiyul.Hub.Cells;

/// <summary>
/// Issues and checks cell tokens. A cell token is <c>jc1.{uidHash}.{mac}</c>, where the MAC is HMAC-SHA256 over
/// the uid hash with a key that never leaves the hub. The hub presents it to the cell's gateway, and the cell
/// presents it to the model socket, which learns from it whose usage a request is without any lookup.
/// </summary>
internal sealed class CellTokens
{
    private const string Prefix = "jc1.";
    private readonly byte[] _key;

    public CellTokens(HubPaths paths)
    {
        _key = LoadOrCreateKey(Path.Combine(paths.KeysDirectory, "cell-token.key"));
    }

    internal CellTokens(byte[] key) => _key = key;

    public string Issue(string uidHash)
    {
        if (!UidHash.IsWellFormed(uidHash))
        {
            throw new ArgumentException("Not a uid hash.", nameof(uidHash));
        }

        return Prefix + uidHash + "." + Mac(uidHash);
    }

    /// <summary>Checks a token in constant time and gives the uid hash it was issued for.</summary>
    public bool TryValidate(string? token, out string uidHash)
    {
        uidHash = "";
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length != Prefix.Length + UidHash.Length + 44)
        {
            return false;
        }

        var candidate = token.Substring(Prefix.Length, UidHash.Length);
        if (!UidHash.IsWellFormed(candidate) || token[Prefix.Length + UidHash.Length] != '.')
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Mac(candidate));
        var presented = Encoding.ASCII.GetBytes(token[(Prefix.Length + UidHash.Length + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return false;
        }

        uidHash = candidate;
        return true;
    }

    private string Mac(string uidHash)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(uidHash));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static byte[] LoadOrCreateKey(string file)
    {
        if (File.Exists(file))
        {
            return File.ReadAllBytes(file);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = RandomNumberGenerator.GetBytes(32);

        // Written to a temporary name and moved, so a crash cannot leave a short key behind.
        var temp = file + ".tmp";
        File.WriteAllBytes(temp, key);
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, file, overwrite: false);
        return key;
    }
}
