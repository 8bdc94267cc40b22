namespace Jiyul.Hub.Models;

/// <summary>
/// A provider's successful response, or, when there is none, how the attempt failed; a failure has already been
/// answered to the cell.
/// </summary>
internal readonly record struct UpstreamReply(HttpResponseMessage? Message, CompletionOutcome Failure);
