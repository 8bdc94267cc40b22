using System.Text.Json.Serialization;

namespace Jiyul.Agent.OpenAi;

/// <summary>
/// Serialization metadata made at compile time, so the agent needs no reflection and trims cleanly. Chat requests
/// are not here: they are read as a JSON tree and passed on, so fields the agent does not know survive the trip.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ErrorEnvelope))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
