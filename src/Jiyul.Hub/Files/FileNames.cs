using System.Globalization;
using System.Text;

namespace Jiyul.Hub.Files;

/// <summary>
/// Turns the name a client sent into one that is safe to show, to offer as a download name and to write into a
/// workspace: the last path segment only; no control, format (bidi overrides, zero-width) or reserved characters;
/// no leading or trailing dots and spaces; at most <see cref="MaxBytes"/> bytes of UTF-8 (the file system's limit is 255,
/// and the extracted text's <c>.txt</c> must fit beside it), cut between characters and keeping the extension.
/// </summary>
internal static class FileNames
{
    public const string Fallback = "file";

    public const int MaxBytes = 200;

    private const int MaxExtensionLength = 16;

    private static readonly string[] s_reservedDeviceNames =
    [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    public static string Sanitize(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return Fallback;
        }

        // Browsers send the bare name, but some clients send a path, with either separator.
        var lastSeparator = raw.LastIndexOfAny(['/', '\\']);
        var segment = raw[(lastSeparator + 1)..];

        var kept = new StringBuilder(segment.Length);
        foreach (var rune in segment.EnumerateRunes())
        {
            kept.Append(Clean(rune));
        }

        var name = kept.ToString().Trim().Trim('.').Trim();
        if (name.Length == 0)
        {
            return Fallback;
        }

        var stem = Path.GetFileNameWithoutExtension(name);
        if (s_reservedDeviceNames.Contains(stem, StringComparer.OrdinalIgnoreCase))
        {
            name = "_" + name;
        }

        return Shorten(name);
    }

    /// <summary>The name with <paramref name="type"/>'s extension added when it does not carry one of that type's own.</summary>
    public static string WithExtensionOf(string name, FileType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        return type.IsText || type.Matches(Path.GetExtension(name)) ? name : Shorten(name + type.Extension);
    }

    private static string Clean(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            || rune == Rune.ReplacementChar)
        {
            return "";
        }

        if (rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*')
        {
            return "_";
        }

        // Other white space (no-break and ideographic spaces among them) becomes a plain space.
        return Rune.IsWhiteSpace(rune) ? " " : rune.ToString();
    }

    private static string Shorten(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxBytes)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > MaxExtensionLength || Encoding.UTF8.GetByteCount(extension) > MaxExtensionLength)
        {
            extension = "";
        }

        var stem = name[..^extension.Length];
        var budget = MaxBytes - Encoding.UTF8.GetByteCount(extension);
        var cut = new StringBuilder();
        var used = 0;
        foreach (var rune in stem.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget)
            {
                break;
            }

            cut.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }

        var shortened = cut.ToString().TrimEnd().TrimEnd('.') + extension;
        return shortened.Trim('.').Length == 0 ? Fallback : shortened;
    }
}
