using System.Globalization;

namespace Jiyul.Knowledge.Linting;

/// <summary>One problem found in a pack.</summary>
/// <param name="File">The file, relative to the pack, with forward slashes.</param>
/// <param name="Line">The 1-based line; 1 when the finding is about the file as a whole (or its absence).</param>
/// <param name="Severity">Whether it fails the lint.</param>
/// <param name="Message">What is wrong and what is expected, in a sentence.</param>
public sealed record LintFinding(string File, int Line, LintSeverity Severity, string Message)
{
    /// <summary>The compiler-style form <c>file:line: message</c>; warnings say so after the line.</summary>
    public override string ToString() => Severity == LintSeverity.Error
        ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}: {Message}")
        : string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}: warning: {Message}");
}
