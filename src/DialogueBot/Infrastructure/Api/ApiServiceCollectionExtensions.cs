using Microsoft.AspNetCore.Authentication;

namespace DialogueBot.Infrastructure.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>Entra ID bearer tokens for the HTTP API and the tabs (the bot's own endpoint keeps its Bot Framework token).</summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiAuthenticationOptions>().Bind(configuration.GetSection(ApiAuthenticationOptions.SectionName));
        services.AddSingleton<ApiTokenKeys>();
        services.AddAuthentication(ApiAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiAuthenticationHandler>(ApiAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        return services;
    }
}
