using DialogueBot.BotFramework.Hosting;
using DialogueBot.Demo;
using DialogueBot.Help;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Insights;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.QuestionVotes;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>The reverse town hall: a question queue managers fill and upvote, and a board hosts moderate and answer.</summary>
public static class TownHallFeature
{
    public static IServiceCollection AddTownHall(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TownHallOptions>().Bind(configuration.GetSection(TownHallOptions.SectionName));
        services.AddTable(TownHallRepository.TableName)
            .AddTable(QuestionRepository.TableName)
            .AddTable(QuestionVoteRepository.TableName)
            .AddTable(QuestionFollowerRepository.TableName);
        services.AddSingleton<TownHallRepository>();
        services.AddSingleton<QuestionRepository>();
        services.AddSingleton<QuestionVoteRepository>();
        services.AddSingleton<QuestionFollowerRepository>();
        services.AddSingleton<TownHallService>();
        services.AddSingleton<TownHallBoard>();
        services.AddWorkHandler<TownHallFanOut>();
        services.AddSingleton<TownHallKeys>();
        services.AddWorkHandler<TownHallRetiredFollow>();
        services.AddWorkHandler<TownHallAnsweredDelivery>();
        services.AddWorkHandler<TownHallFinish>();
        services.AddWorkHandler<TownHallDelivery>();
        services.AddSingleton<IQuestionInsights, TownHallQuestionInsights>();
        services.AddSingleton<TownHallHelp>();
        services.AddSingleton<IHelpContributor>(sp => sp.GetRequiredService<TownHallHelp>());
        services.AddSingleton<IBotCommandSource>(sp => sp.GetRequiredService<TownHallHelp>());
        services.AddSingleton<IDemoSeed, TownHallDemoSeed>();
        services.AddBotRoutes<TownHallRoutes>();
        return services;
    }
}
