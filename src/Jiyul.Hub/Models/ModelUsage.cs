namespace Jiyul.Hub.Models;

/// <summary>The tokens one completed response used, and whose cell asked for it.</summary>
internal sealed record ModelUsage(string UidHash, string Provider, string Model, long InputTokens, long OutputTokens);
