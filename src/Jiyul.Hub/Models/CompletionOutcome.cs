namespace Jiyul.Hub.Models;

/// <summary>How a provider's attempt at a chat completion ended; every case has already been answered to the cell.</summary>
internal enum CompletionOutcome
{
    /// <summary>The whole answer reached the cell.</summary>
    Completed,

    /// <summary>The provider answered with an error status, which was passed on in OpenAI's shape.</summary>
    Refused,

    /// <summary>The provider could not be reached or did not answer in time; the cell got 502 or 504.</summary>
    Unreachable,

    /// <summary>
    /// The answer could not be used: a stream broke after it had started (the cell got an error event and no
    /// <c>[DONE]</c>), or a whole answer could not be read (the cell got 502).
    /// </summary>
    Broken,

    /// <summary>The request could not be expressed to the provider; the cell got 400.</summary>
    Invalid,
}
