namespace Jiyul.Hub.Conversations;

/// <summary>One page of a list; <c>next</c> is the opaque cursor of the following page, null on the last one.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
