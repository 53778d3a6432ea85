using DialogueBot.BotFramework.Authentication;
using DialogueBot.BotFramework.Hosting;
using DialogueBot.BotFramework.Connector;
using DialogueBot.Cards;
using DialogueBot.Consultation;
using DialogueBot.Conversations;
using DialogueBot.Conversations.Budget;
using DialogueBot.Conversations.Delivery;
using DialogueBot.Demo;
using DialogueBot.Help;
using DialogueBot.Infrastructure;
using DialogueBot.Insights;
using DialogueBot.CloseTheLoop;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Api;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Telemetry;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Org.Graph;
using DialogueBot.Pulse;
using DialogueBot.Recognition;
using DialogueBot.Retention;
using DialogueBot.SkipLevel;
using DialogueBot.TownHall;

namespace DialogueBot.Hosting;

/// <summary>
/// Composes the bot: the protocol library, storage, background work, and each feature through its own
/// <c>Add…</c>/<c>Map…</c> (in its folder). Nothing is registered inline here.
/// </summary>
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
            .AddGraphDirectory(configuration)
            .AddConversations(configuration)
            .AddCards()
            .AddHelp()
            .AddPulse(configuration)
            .AddTownHall(configuration)
            .AddLoop(configuration)
            .AddRecognition(configuration)
            .AddConsultation(configuration)
            .AddInsightDefaults()
            .AddDemo(configuration)
            .AddSkipLevel(configuration)
            .AddRetention(configuration);

        return builder;
    }

    public static WebApplication MapDialogueBot(this WebApplication app)
    {
        // The Bot Connector's POSTs first, past the tab's static files, the API's authentication and routing (none
        // applies to them; the processor checks size, content type and token itself): the protocol's overhead (issue 18).
        app.UseBotMessages(configure: bot => bot.UseExceptionHandler());
        app.UseExceptionHandler();
        app.UseDefaultFiles(); // /tabs/results/ → index.html, as the manifest's tab URLs are written
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapBotMessages();
        app.MapHealth();
        app.MapOrg();
        app.MapGraphDirectory();
        app.MapOpsEndpoints();
        app.MapSkipLevelEndpoints();
        app.MapTownHallEndpoints();
        app.MapPulseEndpoints();
        app.MapConsultationEndpoints();
        app.MapLoopEndpoints();
        app.MapRetentionEndpoints();
        app.MapRecognitionEndpoints();
        app.MapDeliveryReportEndpoints();
        return app;
    }
}
