using System.Text.RegularExpressions;

namespace Jiyul.Knowledge.Linting;

/// <summary>
/// Finds inline Markdown links and images (<c>[text](target)</c>) outside fenced and inline code, with the line
/// each is on. Reference-style links are not read: the pack does not use them.
/// </summary>
internal static partial class MarkdownLinks
{
    public static IEnumerable<(int Line, string Target)> Of(string text)
    {
        var inFence = false;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (MarkdownSections.IsFence(lines[i]))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            var line = InlineCode().Replace(lines[i], "");
            foreach (Match match in Link().Matches(line))
            {
                yield return (i + 1, match.Groups["target"].Value.Trim('<', '>'));
            }
        }
    }

    /// <summary>True for a target that names no file of the pack: a URL of any scheme, or an anchor in the same file.</summary>
    public static bool IsExternal(string target) =>
        target.Length == 0 || target[0] == '#' || Scheme().IsMatch(target);

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    // The target stops at white space (a title may follow) or at the closing parenthesis.
    [GeneratedRegex(@"\[[^\]]*\]\((?<target><[^>]*>|[^)\s]+)(?:\s+(?:""[^""]*""|'[^']*'))?\s*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex Scheme();
}
