namespace Jiyul.Hub.Conversations;

/// <summary>Data of an <see cref="ReplyEvents.Error"/> event: problem details, as the rest of the API answers errors.</summary>
internal sealed record ProblemShape(string Title, int Status, string Detail, string Reason);
