using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Infrastructure.Anonymity;

public static class AnonymityServiceCollectionExtensions
{
    /// <summary>The threshold, the hashing key (refused at start when absent or too weak) and the per-scope keys.</summary>
    public static IServiceCollection AddAnonymity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnonymityOptions>()
            .Bind(configuration.GetSection(AnonymityOptions.SectionName))
            .Validate(o => o.MinimumGroupSize >= AnonymityOptions.AbsoluteMinimumGroupSize, $"Anonymity:MinimumGroupSize may not be below {AnonymityOptions.AbsoluteMinimumGroupSize}.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.HmacKey), "Anonymity:HmacKey is required (base64, 32 bytes or more; keep it in Key Vault).")
            .ValidateOnStart();
        services.AddSingleton<IdentityHasher>();
        services.AddTable(TableScopeKeyStore.TableName);
        services.AddSingleton<IScopeKeyStore, TableScopeKeyStore>();
        return services;
    }
}
