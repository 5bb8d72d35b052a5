using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>The validators of a silo's options, registered for dependency injection and resolved from it.</summary>
public static class SiloOptionsValidation
{
    private static readonly Lazy<IValidateOptions<HeteroSiloOptions>> Resolved = new(() =>
        new ServiceCollection().AddSiloOptionsValidators().BuildServiceProvider().GetRequiredService<IValidateOptions<HeteroSiloOptions>>());

    /// <summary>The validator of a whole <c>Silo</c> section, with each options class's own validator inside it.</summary>
    public static IValidateOptions<HeteroSiloOptions> Validator => Resolved.Value;

    /// <summary>Registers the validator of each options class of a silo's config.</summary>
    public static IServiceCollection AddSiloOptionsValidators(this IServiceCollection services)
    {
        services.TryAddSingleton<IValidateOptions<DeviceOptions>, DeviceOptionsValidator>();
        services.TryAddSingleton<IValidateOptions<ClusteringOptions>, ClusteringOptionsValidator>();
        services.TryAddSingleton<IValidateOptions<ClusterMembershipOptions>, MembershipOptionsValidator>();
        services.TryAddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.TryAddSingleton<IValidateOptions<DeviceMonitorOptions>, DeviceMonitorOptionsValidator>();
        services.TryAddSingleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>();
        services.TryAddSingleton<IValidateOptions<TracingOptions>, TracingOptionsValidator>();
        services.TryAddSingleton<IValidateOptions<HeteroSiloOptions>, HeteroSiloOptionsValidator>();
        return services;
    }
}
