using Jiyul.Knowledge.Linting;

namespace Jiyul.Hub.Knowledge;

/// <summary>
/// <c>Jiyul.Hub pack lint [directory]</c>: checks a knowledge pack and prints each finding as
/// <c>file:line: message</c>, then a count. Handled before the web application is built, so linting needs no
/// settings, no database and no Docker. Exit codes: 0 when the pack has no errors (warnings are allowed),
/// 1 when it has some, 2 when the command is not understood.
/// </summary>
internal static class PackCommand
{
    public const int Clean = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>True when the arguments are a <c>pack</c> command rather than settings for the hub.</summary>
    public static bool Matches(string[] args) => args is ["pack", ..];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["pack", "lint", ..] || args.Length > 3)
        {
            error.WriteLine("usage: pack lint [pack-directory]");
            return Usage;
        }

        var directory = Path.GetFullPath(args.Length == 3 ? args[2] : ".");
        var findings = PackLinter.Lint(directory);
        foreach (var finding in findings)
        {
            output.WriteLine(finding);
        }

        var errors = findings.Count(f => f.Severity == LintSeverity.Error);
        var warnings = findings.Count - errors;
        error.WriteLine($"{directory}: {errors} error(s), {warnings} warning(s)");
        return errors == 0 ? Clean : Failed;
    }
}
