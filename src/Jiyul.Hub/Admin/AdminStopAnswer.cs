namespace Jiyul.Hub.Admin;

/// <summary>The answer of <c>POST /api/admin/cells/{uid}/stop</c>: the cell is stopped (its workspace kept).</summary>
internal sealed record AdminStopAnswer(string Uid, string UidHash, string State);
