using DialogueBot.BotFramework.Hosting;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Org;

/// <summary>The org chart: who is who, their roles and units; the import API; who the caller of a turn or request is.</summary>
public static class OrgFeature
{
    public static IServiceCollection AddOrg(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrgOptions>().Bind(configuration.GetSection(OrgOptions.SectionName));
        services.AddTable(OrgChartRepository.TableName);
        services.AddSingleton<OrgChartRepository>();
        services.AddSingleton<OrgDirectory>();
        services.AddTurnInitializer<CallerTurnInitializer>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrg(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOrgEndpoints().MapMeEndpoints();
}
