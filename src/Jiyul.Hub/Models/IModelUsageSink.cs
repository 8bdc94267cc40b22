namespace Jiyul.Hub.Models;

/// <summary>Receives the usage of every completed model response, once per response.</summary>
internal interface IModelUsageSink
{
    ValueTask RecordAsync(ModelUsage usage, CancellationToken cancellationToken);
}
