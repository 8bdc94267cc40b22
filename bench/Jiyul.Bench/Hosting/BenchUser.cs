namespace Jiyul.Bench.Hosting;

/// <summary>A signed-up user of the bench's hub: its uid, the hash its cell is named by, and its bearer token.</summary>
internal sealed record BenchUser(string Uid, string UidHash, string AccessToken);
