using Azure;

namespace DialogueBot.Infrastructure.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddAppStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.AddOptions<StorageInitializerOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.AddSingleton<StorageClients>();
        services.AddSingleton<AppStorage>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    /// <summary>Declares a table: it is created at start-up and may be opened with <see cref="AppStorage.Table"/>.</summary>
    public static IServiceCollection AddTable(this IServiceCollection services, string name)
    {
        services.AddSingleton(new StorageName(StorageKind.Table, name));
        return services;
    }

    /// <summary>Declares a queue.</summary>
    public static IServiceCollection AddQueue(this IServiceCollection services, string name)
    {
        services.AddSingleton(new StorageName(StorageKind.Queue, name));
        return services;
    }

    /// <summary>True for storage failures that a retry later can cure (outage, throttling, timeouts).</summary>
    public static bool IsTransientStorageFailure(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransientStorageFailure),
        _ => false,
    };
}
