namespace Jiyul.Bench.Engine;

/// <summary>A container event from the engine: which container, what happened (create, start, die…) and when.</summary>
internal readonly record struct EngineEvent(string ContainerName, string Action, DateTimeOffset At);
