namespace Jiyul.Agent.OpenAi;

/// <summary>The answer of <c>GET /v1/models</c>; the first entry is the default assistant.</summary>
internal sealed record ModelList(string Object, IReadOnlyList<ModelCard> Data);
