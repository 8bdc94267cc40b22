using Jiyul.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Knowledge;

/// <summary>Checks the <c>Knowledge</c> section at start-up and lists every problem at once.</summary>
internal sealed class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>
{
    private const string Section = KnowledgeOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.DebounceDelay < TimeSpan.Zero || options.DebounceDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add(
                $"{Section}:DebounceDelay is {options.DebounceDelay}; it must be between 00:00:00 and 00:00:10.");
        }

        if (options.RescanInterval < TimeSpan.FromMilliseconds(100))
        {
            failures.Add($"{Section}:RescanInterval is {options.RescanInterval}; it must be at least 00:00:00.1.");
        }

        if (options.MaxResults < 1 || options.MaxResults > KnowledgeIndex.MaxResults)
        {
            failures.Add(
                $"{Section}:MaxResults is {options.MaxResults}; it must be between 1 and {KnowledgeIndex.MaxResults}.");
        }

        if (options.DefaultResults < 1 || options.DefaultResults > options.MaxResults)
        {
            failures.Add($"{Section}:DefaultResults is {options.DefaultResults}; it must be between 1 and MaxResults " +
                         $"({options.MaxResults}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
