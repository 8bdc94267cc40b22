using System.Security.Claims;
using Jiyul.Hub.Identity;

namespace Jiyul.Hub.Cells;

/// <summary>Who a cell belongs to, as the verified token says.</summary>
internal sealed record CellOwner(string Uid, string? Email, string? DisplayName)
{
    public string UidHash { get; } = Cells.UidHash.Of(Uid);

    /// <summary>The owner an authorized request speaks for.</summary>
    public static CellOwner Of(ClaimsPrincipal user) => new(
        user.GetUid() ?? throw new InvalidOperationException("An authorized request carries a uid."),
        user.GetEmail(),
        user.FindFirstValue("name"));
}
