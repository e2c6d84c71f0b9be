using Granary.Grpc.Authentication;
using Granary.Grpc.Errors;
using Granary.Grpc.Health;
using Granary.Grpc.Services;
using Granary.Serving;
using Granary.Serving.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Granary.Grpc;

/// <summary>
/// Registers the gRPC front end; the composing server registers its <see cref="IInferenceClient"/>.
/// API keys are shared with the HTTP API (<see cref="ServingOptions"/>), configured here or by AddGranaryApi.
/// </summary>
public static class GranaryGrpcServiceCollectionExtensions
{
    public static IServiceCollection AddGranaryGrpc(this IServiceCollection services, Action<ServingOptions>? configure = null)
    {
        services.AddGranaryServing(configure);
        services.TryAddSingleton<GenerationStreamer>();
        services.TryAddSingleton<ErrorMappingInterceptor>();
        services.TryAddSingleton<ApiKeyInterceptor>();

        // Per service, not global: the health service must stay open and keep its own error handling.
        services.AddGrpc().AddServiceOptions<InferenceGrpcService>(grpc =>
        {
            grpc.Interceptors.Add<ErrorMappingInterceptor>();
            grpc.Interceptors.Add<ApiKeyInterceptor>();
        });

        // Reflection lets grpcurl-style clients discover the services without the .proto.
        services.AddGrpcReflection();
        services.AddHealthChecks()
            .AddCheck<InferenceReadinessCheck>("granary-inference-ready", tags: [HealthServiceNames.ReadyTag])
            .AddCheck("granary-process-live", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), tags: [HealthServiceNames.LiveTag]);
        services.AddGrpcHealthChecks(health =>
        {
            health.Services.Map(HealthServiceNames.Server, check => check.Tags.Contains(HealthServiceNames.ReadyTag));
            health.Services.Map(HealthServiceNames.Inference, check => check.Tags.Contains(HealthServiceNames.ReadyTag));
            health.Services.Map(HealthServiceNames.Liveness, check => check.Tags.Contains(HealthServiceNames.LiveTag));
        });
        return services;
    }
}
