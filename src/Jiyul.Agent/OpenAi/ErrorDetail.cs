namespace Jiyul.Agent.OpenAi;

/// <summary>The body of an OpenAI-style error: what went wrong, and its kind.</summary>
internal sealed record ErrorDetail(string Message, string Type, string? Code = null);
