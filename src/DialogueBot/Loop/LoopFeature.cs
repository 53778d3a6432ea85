using DialogueBot.BotFramework.Hosting;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Help;
using DialogueBot.Insights;
using DialogueBot.Loop.Commitments;
using DialogueBot.Loop.Figures;
using DialogueBot.Loop.Subjects;
using DialogueBot.Loop.Threads;

namespace DialogueBot.Loop;

/// <summary>
/// Closing the loop (issue 15): anonymous conversations on opted-in pulse comments, "you said, we did"
/// summaries with tracked commitments for pulses and town halls, and follow-through figures. See
/// docs/anonymity.md ("Anonymous conversations") for what a thread stores and who can learn what.
/// </summary>
public static class LoopFeature
{
    public static IServiceCollection AddLoop(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTable(CommentThreadRepository.ThreadsTable)
            .AddTable(CommentThreadRepository.MessagesTable)
            .AddTable(LeaderQuota.TableName)
            .AddTable(CommitmentRepository.TableName);
        services.AddSingleton<CommentThreadRepository>();
        services.AddSingleton<LeaderQuota>();
        services.AddSingleton<ThreadService>();
        services.AddSingleton<QuestionFollowUps>();

        // Replaces the pulse's "no threads" default (TryAdd there), whatever the order of registration.
        services.AddSingleton<ICommentThreads>(sp => sp.GetRequiredService<ThreadService>());

        services.AddSingleton<CommitmentRepository>();
        services.AddSingleton<ISubjectSource, PulseSubjects>();
        services.AddSingleton<ISubjectSource, TownHallSubjects>();
        services.AddSingleton<LoopSubjects>();
        services.AddSingleton<SummaryHeadlines>();
        services.AddSingleton<CommitmentService>();
        services.AddSingleton<Retention.IErasureParticipant, CommitmentErasure>();
        services.AddSingleton<FollowThroughService>();

        services.AddWorkHandler<ThreadRelayHandler>();
        services.AddWorkHandler<CommitmentFanoutHandler>();
        services.AddWorkHandler<CommitmentNotifyHandler>();
        services.AddWorkHandler<CommitmentOverdueHandler>();
        services.AddBotRoutes<LoopRoutes>();
        services.AddSingleton<IHelpContributor, LoopHelp>();
        return services;
    }
}
