using System.Globalization;

namespace Jiyul.Hub.Files;

/// <summary>
/// Where a page of files ends: the creation time and id of its last file, so the next page starts strictly after it
/// (keyset paging: no offset to drift when files are added or deleted meanwhile). Written as <c>{ticks}-{id}</c>.
/// </summary>
internal readonly record struct FileCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.UtcTicks}-{Id:N}");

    public static bool TryParse(string? text, out FileCursor cursor)
    {
        cursor = default;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(text.AsSpan(dash + 1), "N", out var id))
        {
            return false;
        }

        cursor = new FileCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
