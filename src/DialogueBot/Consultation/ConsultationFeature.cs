using DialogueBot.BotFramework.Hosting;
using DialogueBot.Conversations;
using DialogueBot.Consultation.ConcernVotes;
using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Deliveries;
using DialogueBot.Consultation.Delivery;
using DialogueBot.Consultation.RatingTotals;
using DialogueBot.Consultation.Ratings;
using DialogueBot.Consultation.Volunteers;
using DialogueBot.Demo;
using DialogueBot.Help;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Insights;

namespace DialogueBot.Consultation;

/// <summary>Consultations: share the why of a decision with managers and test it before it ships (issue 16). See docs/anonymity.md.</summary>
public static class ConsultationFeature
{
    public static IServiceCollection AddConsultation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsultationOptions>().Bind(configuration.GetSection(ConsultationOptions.SectionName))
            .Validate(o => o.OutcomeLeadTime >= TimeSpan.Zero && o.CloseGrace >= TimeSpan.Zero, "Consultation:OutcomeLeadTime and Consultation:CloseGrace may not be negative.")
            .ValidateOnStart();

        services.AddTable(ConsultationRepository.TableName)
            .AddTable(ConcernRepository.TableName)
            .AddTable(ConcernVoteRepository.TableName)
            .AddTable(RatingRepository.TableName)
            .AddTable(RatingTotalRepository.TableName)
            .AddTable(VolunteerRepository.TableName)
            .AddTable(ConsultationDeliveryRepository.TableName);
        services.AddSingleton<ConsultationRepository>();
        services.AddSingleton<ConcernRepository>();
        services.AddSingleton<ConcernVoteRepository>();
        services.AddSingleton<RatingRepository>();
        services.AddSingleton<RatingTotalRepository>();
        services.AddSingleton<VolunteerRepository>();
        services.AddSingleton<ConsultationDeliveryRepository>();
        services.AddSingleton<ConsultationService>();

        services.AddWorkHandler<BriefFanoutHandler>();
        services.AddWorkHandler<BriefSendHandler>();
        services.AddWorkHandler<WindowEndHandler>();
        services.AddWorkHandler<PublishHandler>();
        services.AddWorkHandler<OutcomeFanoutHandler>();
        services.AddWorkHandler<OutcomeSendHandler>();
        services.AddSingleton<IInstallListener, BriefInstallListener>();

        services.AddBotRoutes<ConsultationRoutes>();
        services.AddSingleton<ConsultationHelp>();
        services.AddSingleton<IHelpContributor>(sp => sp.GetRequiredService<ConsultationHelp>());
        services.AddSingleton<IBotCommandSource>(sp => sp.GetRequiredService<ConsultationHelp>());
        services.AddSingleton<IDemoSeed, ConsultationDemoSeed>();
        services.AddSingleton<IConcernInsights, ConsultationConcernInsights>();
        services.AddSingleton<DialogueBot.Retention.IErasureParticipant, ConsultationErasure>();
        services.AddSingleton<DialogueBot.Retention.IRetentionPurgeParticipant, ConsultationRetention>();
        return services;
    }
}
