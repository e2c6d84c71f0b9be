using Granary.Serving;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Granary.Grpc.Health;

/// <summary>Healthy when <see cref="IInferenceClient.IsReadyAsync"/> says so.</summary>
internal sealed class InferenceReadinessCheck(IInferenceClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await client.IsReadyAsync(cancellationToken)
                ? HealthCheckResult.Healthy("Service is ready.")
                : HealthCheckResult.Unhealthy("Service is not ready.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A cluster that cannot even say whether it is ready is not ready.
            return HealthCheckResult.Unhealthy("Service is not ready.", ex);
        }
    }
}
