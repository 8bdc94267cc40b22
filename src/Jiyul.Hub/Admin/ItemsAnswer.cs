namespace Jiyul.Hub.Admin;

/// <summary>A list answer: <c>{items: [...]}</c>.</summary>
internal sealed record ItemsAnswer<T>(IReadOnlyList<T> Items);
