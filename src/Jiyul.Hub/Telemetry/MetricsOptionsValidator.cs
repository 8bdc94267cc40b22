using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Telemetry;

/// <summary>Checks the <c>Metrics</c> section at start-up and lists every problem at once.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    /// <summary>A token shorter than this could be guessed by a scraper that tries many.</summary>
    public const int MinTokenLength = 24;

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Access))
        {
            failures.Add($"Metrics:Access is {(int)options.Access}; it must be Local, Token, Open or Off.");
        }

        if (options.Access == MetricsAccess.Token && (options.Token?.Trim().Length ?? 0) < MinTokenLength)
        {
            failures.Add($"Metrics:Token is {options.Token?.Trim().Length ?? 0} characters long; with Metrics:Access=Token it "
                + $"must be at least {MinTokenLength} (for example the output of `openssl rand -hex 24`).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
