namespace Jiyul.Hub.Files;

/// <summary>One page of the caller's files, newest first; <c>next</c> is the cursor of the following page, or null.</summary>
internal sealed record FilePage(IReadOnlyList<FileAnswer> Items, string? Next);
