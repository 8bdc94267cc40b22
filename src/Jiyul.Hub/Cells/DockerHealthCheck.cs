using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jiyul.Hub.Cells;

internal sealed class DockerHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy());
}
