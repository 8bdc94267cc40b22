using System.Globalization;

namespace Jiyul.Bench.Reporting;

/// <summary>Numbers as the report shows them, always with invariant culture.</summary>
internal static class Format
{
    /// <summary>Milliseconds with the precision that matters at their size: 0.123, 12.34, 1234.</summary>
    public static string Ms(double value) => value switch
    {
        double.NaN => "–",
        < 1 and > -1 => value.ToString("0.000", CultureInfo.InvariantCulture),
        < 100 and > -100 => value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.ToString("0", CultureInfo.InvariantCulture),
    };

    public static string Rate(double value) =>
        double.IsNaN(value) ? "–" : value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Int(double value) =>
        double.IsNaN(value) ? "–" : value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Kilobytes(double bytes) =>
        double.IsNaN(bytes) ? "–" : (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Percent(double ratio) =>
        double.IsNaN(ratio) ? "–" : (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string MiB(ulong? bytes) =>
        bytes is { } b ? (b / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB" : "–";

    public static string MB(long bytes) =>
        (bytes / 1_000_000.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    public static string GiB(long bytes) =>
        (bytes / 1024.0 / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " GiB";
}
