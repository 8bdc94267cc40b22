using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Conversations;

/// <summary>Checks the <c>Conversations</c> section at start-up and lists every problem at once.</summary>
internal sealed class ConversationsOptionsValidator : IValidateOptions<ConversationsOptions>
{
    private const string Section = ConversationsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ConversationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.MaxMessageChars < 1)
        {
            failures.Add($"{Section}:MaxMessageChars is {options.MaxMessageChars}; it must be at least 1.");
        }

        if (options.MaxAttachments is < 0 or > 100)
        {
            failures.Add($"{Section}:MaxAttachments is {options.MaxAttachments}; it must be between 0 (none) and 100.");
        }

        if (options.MaxAttachmentTextChars < 0)
        {
            failures.Add($"{Section}:MaxAttachmentTextChars is {options.MaxAttachmentTextChars}; it must be 0 (paths only) " +
                         "or more.");
        }

        if (options.MaxPageSize < 1)
        {
            failures.Add($"{Section}:MaxPageSize is {options.MaxPageSize}; it must be at least 1.");
        }

        if (options.DefaultPageSize < 1 || options.DefaultPageSize > options.MaxPageSize)
        {
            failures.Add($"{Section}:DefaultPageSize is {options.DefaultPageSize}; it must be between 1 and MaxPageSize " +
                         $"({options.MaxPageSize}).");
        }

        if (options.ReplyFlushInterval < TimeSpan.FromMilliseconds(10))
        {
            failures.Add($"{Section}:ReplyFlushInterval is {options.ReplyFlushInterval}; it must be at least 00:00:00.01.");
        }

        if (options.ReplyFlushChars < 1)
        {
            failures.Add($"{Section}:ReplyFlushChars is {options.ReplyFlushChars}; it must be at least 1.");
        }

        if (options.ReplyIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:ReplyIdleTimeout is {options.ReplyIdleTimeout}; it must be greater than zero.");
        }

        if (options.KeepAliveInterval < TimeSpan.Zero)
        {
            failures.Add($"{Section}:KeepAliveInterval is {options.KeepAliveInterval}; it must be 0 (off) or more.");
        }

        if (options.MaxHistoryChars < 0)
        {
            failures.Add($"{Section}:MaxHistoryChars is {options.MaxHistoryChars}; it must be 0 (no earlier turns) or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
