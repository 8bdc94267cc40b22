namespace Jiyul.Hub.Admin;

/// <summary>
/// One cell as <c>GET /api/admin/cells</c> lists it. <c>uid</c> is null for a container of no known user (the next
/// start of the hub removes it); <c>lastActivity</c> is null when the cell has not been used since the hub started,
/// and then <c>lastStartedAt</c> is the best hint; memory is null unless the cell runs.
/// </summary>
internal sealed record AdminCellAnswer(
    string? Uid,
    string UidHash,
    string State,
    string? Runtime,
    DateTimeOffset? LastActivity,
    DateTimeOffset? LastStartedAt,
    int OpenStreams,
    long? MemoryBytes,
    long? MemoryLimitBytes);
