namespace Granary.Server.Telemetry;

/// <summary>Wraps an already registered singleton service in a decorator.</summary>
internal static class ServiceCollectionDecoration
{
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, TService> decorate) where TService : class
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(TService))
            ?? throw new InvalidOperationException($"{typeof(TService).Name} is not registered");
        services.Remove(registered);
        services.AddSingleton(provider => decorate((TService)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!))));
        return services;
    }
}
