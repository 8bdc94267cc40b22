using System.Globalization;
using System.Text.RegularExpressions;

namespace Jiyul.Hub.Profile;

/// <summary>
/// Checks and normalises a profile a user sent. Each field goes into USER.md, which the assistant reads on every
/// turn, so control characters are refused rather than passed on; empty fields are stored as not given.
/// </summary>
internal static partial class ProfileInput
{
    public const int MaxDisplayName = 100;
    public const int MaxAbout = 4000;
    public const int MaxLanguage = 35;

    /// <summary>A valid, normalised profile; or the detail and reason of the first field that is not.</summary>
    public static bool TryNormalize(
        ProfileRequest request,
        out (string? DisplayName, string Language, string? About) profile,
        out (string Detail, string Reason) problem)
    {
        profile = default;
        problem = default;

        var displayName = request.DisplayName?.Trim();
        if (displayName is { Length: > MaxDisplayName })
        {
            problem = (Detail($"'displayName' is {displayName.Length} characters long; at most {MaxDisplayName} are accepted."),
                "display-name-too-long");
            return false;
        }

        if (displayName is not null && displayName.Any(c => char.IsControl(c) || IsInvisibleFormat(c)))
        {
            problem = ("'displayName' holds a control or invisible formatting character; use plain text on one line.",
                "display-name-invalid");
            return false;
        }

        var language = request.Language?.Trim();
        if (string.IsNullOrEmpty(language))
        {
            problem = ("'language' is missing; give a language tag such as ko, en or ko-KR.", "language-missing");
            return false;
        }

        if (language.Length > MaxLanguage || !LanguageTag().IsMatch(language))
        {
            problem = ("'language' is not a language tag; give one such as ko, en, ko-KR or zh-Hant-TW.", "language-invalid");
            return false;
        }

        var about = request.About?.ReplaceLineEndings("\n").Trim();
        if (about is { Length: > MaxAbout })
        {
            problem = (Detail($"'about' is {about.Length} characters long; at most {MaxAbout} are accepted."), "about-too-long");
            return false;
        }

        if (about is not null && about.Any(c => (char.IsControl(c) && c is not '\n' and not '\t') || IsInvisibleFormat(c)))
        {
            problem = ("'about' holds a control or invisible formatting character; only text, tabs and line breaks are accepted.",
                "about-invalid");
            return false;
        }

        profile = (NullIfEmpty(displayName), NormalizeTag(language), NullIfEmpty(about));
        return true;
    }

    /// <summary>
    /// Case as BCP 47 writes it: the language lower case, a script title case, a region upper case, the rest lower case
    /// (<c>KO-kr</c> becomes <c>ko-KR</c>, <c>zh-hant-tw</c> becomes <c>zh-Hant-TW</c>).
    /// </summary>
    public static string NormalizeTag(string tag)
    {
        var parts = tag.Split('-');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].ToLowerInvariant();
            parts[i] = i == 0 ? part : part.Length switch
            {
                2 => part.ToUpperInvariant(),
                4 when char.IsLetter(part[0]) => char.ToUpperInvariant(part[0]) + part[1..],
                _ => part,
            };
        }

        return string.Join('-', parts);
    }

    // Language (2-3 letters), then an optional script (4 letters), an optional region (2 letters or 3 digits) and
    // variants (5-8 letters or digits, or a digit and 3 more): the parts of BCP 47 that name a language for a person.
    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$",
        RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    // Bidi overrides and zero-width characters can make text read differently from what it holds.
    private static bool IsInvisibleFormat(char c) =>
        char.GetUnicodeCategory(c) == UnicodeCategory.Format && c != '\u200D';

    private static string Detail(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
