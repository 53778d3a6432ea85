using DialogueBot.BotFramework.Authentication;
using DialogueBot.BotFramework.Hosting;
using DialogueBot.Consultation;
using DialogueBot.Conversations;
using DialogueBot.Demo;
using DialogueBot.Help;
using DialogueBot.Infrastructure;
using DialogueBot.Insights;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Api;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Telemetry;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Pulse;
using DialogueBot.Retention;
using DialogueBot.SkipLevel;
using DialogueBot.TownHall;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DialogueBot.Hosting;

/// <summary>Composes the bot: the protocol library, storage, background work, and each feature.</summary>
public static class DialogueBotHost
{
    public const string DevUrl = "http://127.0.0.1:3978";

    public static WebApplicationBuilder AddDialogueBot(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        // Dev mode listens on loopback unless told otherwise (and DevModeGuard stops it if told otherwise).
        if (configuration.GetValue<bool>("Bot:DevMode") && string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DevUrl);
        }

        builder.AddDialogueBotTelemetry();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new UserTextJsonConverter()); // no control or bidi character gets past an API body
        });

        services.AddBotFramework(configuration);
        services.Configure<BotHostingOptions>(o => o.TransientFailurePredicates.Add(StorageServiceCollectionExtensions.IsTransientStorageFailure));

        services.AddAppStorage(configuration)
            .AddWork(configuration)
            .AddAnonymity(configuration)
            .AddApiAuthentication(configuration)
            .AddOrg(configuration)
            .AddConversations(configuration)
            .AddHelp()
            .AddPulse(configuration)
            .AddTownHall(configuration)
            .AddConsultation(configuration)
            .AddInsightDefaults()
            .AddDemo(configuration)
            .AddSkipLevel(configuration)
            .AddRetention(configuration);

        return builder;
    }

    public static WebApplication MapDialogueBot(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseDefaultFiles(); // /tabs/results/ → index.html, as the manifest's tab URLs are written
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapBotMessages();
        app.MapHealth();
        app.MapOrgEndpoints();
        app.MapMeEndpoints();
        app.MapOpsEndpoints();
        app.MapSkipLevelEndpoints();
        app.MapTownHallEndpoints();
        app.MapPulseEndpoints();
        app.MapConsultationEndpoints();
        app.MapRetentionEndpoints();
        return app;
    }

    private static IServiceCollection AddWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkOptions>().Bind(configuration.GetSection(WorkOptions.SectionName));
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.SectionName));
        services.AddTable(WorkLedger.TableName).AddTable(PoisonWork.TableName).AddTable(Scheduler.TableName).AddQueue(WorkQueue.QueueName);
        services.AddSingleton<WorkSeal>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<WorkLedger>();
        services.AddSingleton<PoisonWork>();
        services.AddSingleton<Scheduler>();
        services.AddSingleton<WorkQueueWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkQueueWorker>());
        services.AddSingleton<SchedulerService>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerService>());
        return services;
    }

    private static IServiceCollection AddAnonymity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnonymityOptions>()
            .Bind(configuration.GetSection(AnonymityOptions.SectionName))
            .Validate(o => o.MinimumGroupSize >= AnonymityOptions.AbsoluteMinimumGroupSize, $"Anonymity:MinimumGroupSize may not be below {AnonymityOptions.AbsoluteMinimumGroupSize}.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.HmacKey), "Anonymity:HmacKey is required (base64, 32 bytes or more; keep it in Key Vault).")
            .ValidateOnStart();
        services.AddSingleton<IdentityHasher>();
        services.AddTable(Infrastructure.Anonymity.ScopeKeys.TableScopeKeyStore.TableName);
        services.AddSingleton<Infrastructure.Anonymity.ScopeKeys.IScopeKeyStore, Infrastructure.Anonymity.ScopeKeys.TableScopeKeyStore>();
        return services;
    }

    private static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiAuthenticationOptions>().Bind(configuration.GetSection(ApiAuthenticationOptions.SectionName));
        services.AddSingleton<ApiTokenKeys>();
        services.AddAuthentication(ApiAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiAuthenticationHandler>(ApiAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        return services;
    }

    private static IServiceCollection AddOrg(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrgOptions>().Bind(configuration.GetSection(OrgOptions.SectionName));
        services.AddTable(OrgChartRepository.TableName);
        services.AddSingleton<OrgChartRepository>();
        services.AddSingleton<OrgDirectory>();
        return services;
    }

    private static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProactiveOptions>().Bind(configuration.GetSection(ProactiveOptions.SectionName));
        services.AddTable(ConversationReferenceRepository.TableName);
        services.AddSingleton<ConversationReferenceRepository>();
        services.AddSingleton<ProactiveRateLimiter>();
        services.AddTransient<ProactiveMessenger>();
        services.TryAddSingleton<IProactiveInstaller, NoProactiveInstaller>();
        services.AddBotRoutes<InstallRoutes>();
        return services;
    }

    private static IServiceCollection AddHelp(this IServiceCollection services)
    {
        services.AddSingleton<HelpCard>();
        services.AddSingleton<CoreHelp>();
        services.AddSingleton<IHelpContributor>(sp => sp.GetRequiredService<CoreHelp>());
        services.AddSingleton<IBotCommandSource>(sp => sp.GetRequiredService<CoreHelp>());
        services.AddBotRoutes<HelpRoutes>();
        return services;
    }

    /// <summary>Cross-feature insights default to "nothing to say" until a feature registers the real one.</summary>
    private static IServiceCollection AddInsightDefaults(this IServiceCollection services)
    {
        services.TryAddSingleton<IPulseInsights, NoPulseInsights>();
        services.TryAddSingleton<IQuestionInsights, NoQuestionInsights>();
        return services;
    }

    private static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName));
        services.AddHostedService<DemoSeeder>();
        return services;
    }
}
