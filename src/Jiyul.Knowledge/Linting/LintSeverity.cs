namespace Jiyul.Knowledge.Linting;

/// <summary>How much a finding matters: an error fails <c>./jiyul pack lint</c>, a warning is only shown.</summary>
public enum LintSeverity
{
    Warning,
    Error,
}
