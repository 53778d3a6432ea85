using DialogueBot.BotFramework.Hosting;
using DialogueBot.Demo;
using DialogueBot.Help;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Insights;
using DialogueBot.Recognition.Delivery;
using DialogueBot.Recognition.Digests;
using DialogueBot.Recognition.Nominations;

namespace DialogueBot.Recognition;

/// <summary>Recognition of middle managers: named peer nominations, HR's review, featured wins on the town-hall board and in a monthly digest.</summary>
public static class RecognitionFeature
{
    public static IServiceCollection AddRecognition(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RecognitionOptions>().Bind(configuration.GetSection(RecognitionOptions.SectionName))
            .Validate(o => o.EffectiveCategories.Count > 0, "Recognition:Categories needs at least one category with an id and a title.")
            .Validate(o => o.EffectiveCategories.Select(c => c.Id.ToLowerInvariant()).Distinct().Count() == o.EffectiveCategories.Count, "Recognition:Categories has the same id twice.")
            .Validate(o => o.MinStoryLength >= 1 && o.MinStoryLength < o.MaxStoryLength && o.MaxStoryLength <= 4000, "Recognition:MinStoryLength must be at least 1 and below MaxStoryLength (at most 4000).")
            .ValidateOnStart();
        services.AddTable(NominationRepository.TableName).AddTable(DigestAudienceRepository.TableName);
        services.AddSingleton<NominationRepository>();
        services.AddSingleton<DigestAudienceRepository>();
        services.AddSingleton<RecognitionService>();
        services.AddSingleton<IWorkHandler, NominationNotifyHandler>();
        services.AddSingleton<IWorkHandler, DigestFanOutHandler>();
        services.AddSingleton<IWorkHandler, DigestSendHandler>();
        services.AddSingleton<RecognitionHelp>();
        services.AddSingleton<IHelpContributor>(sp => sp.GetRequiredService<RecognitionHelp>());
        services.AddSingleton<IBotCommandSource>(sp => sp.GetRequiredService<RecognitionHelp>());
        services.AddSingleton<RecognitionDemoSeed>();
        services.AddSingleton<IDemoSeed>(sp => sp.GetRequiredService<RecognitionDemoSeed>());
        services.AddBotRoutes<RecognitionRoutes>();
        services.AddSingleton<DialogueBot.Retention.IErasureParticipant, RecognitionErasure>();

        // Replaces the "nothing to say" default (registered with TryAdd in DialogueBotHost).
        services.AddSingleton<IRecognitionInsights, RecognitionInsights>();
        return services;
    }
}
