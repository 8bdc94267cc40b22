namespace Jiyul.Hub.Cells;

/// <summary>Who a cell belongs to, as the verified token says.</summary>
internal sealed record CellOwner(string Uid, string? Email, string? DisplayName)
{
    public string UidHash { get; } = Cells.UidHash.Of(Uid);
}
