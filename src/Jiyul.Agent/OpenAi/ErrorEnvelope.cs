namespace Jiyul.Agent.OpenAi;

/// <summary>An OpenAI-style error response, <c>{"error":{"message":...,"type":...}}</c>.</summary>
internal sealed record ErrorEnvelope(ErrorDetail Error);
