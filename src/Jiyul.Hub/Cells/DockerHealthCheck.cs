using Jiyul.Hub.Cells.Docker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jiyul.Hub.Cells;

/// <summary>Ready only when the container engine answers: without it no cell can start.</summary>
internal sealed class DockerHealthCheck(DockerEngine engine) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var docker = await engine.GetClientAsync(timeout.Token);
            await docker.System.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException
            or System.Net.Sockets.SocketException or global::Docker.DotNet.DockerApiException)
        {
            return HealthCheckResult.Unhealthy("The Docker engine does not answer.", e);
        }
    }
}
