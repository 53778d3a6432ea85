using DialogueBot.BotFramework.Cards;
using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Testing.Faults;

/// <summary>
/// A stand-in fan-out built only from the generic infrastructure: one work item per person (key
/// "campaign-personId"), each sending a proactive card through <see cref="ProactiveMessenger"/> and mapping
/// its outcome the way a feature's delivery handler must (throttled → retry later). Register it with
/// <see cref="Register"/>; a feature's fault tests swap it for their own fan-out (a pulse opening).
/// </summary>
public sealed class FanOutProbe(ProactiveMessenger messenger, OrgDirectory directory) : IWorkHandler
{
    public const string WorkKind = "test.fanout";

    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(2);

    public string Kind => WorkKind;

    public static void Register(IServiceCollection services) => services.AddSingleton<IWorkHandler, FanOutProbe>();

    /// <summary>The text the probe card carries, to tell it from welcome cards and the like.</summary>
    public static string CardTitle(string campaign) => $"Probe {campaign}";

    public static string Key(string campaign, string personId) => $"{campaign}-{personId}";

    /// <summary>Enqueues the campaign for every person (a fan-out starts).</summary>
    public static async Task EnqueueAsync(BotAppFactory bot, string campaign, IEnumerable<OrgPerson> people)
    {
        var queue = bot.Service<WorkQueue>();
        foreach (var person in people)
        {
            await queue.EnqueueAsync(WorkKind, Key(campaign, person.Id), new Payload(campaign, person.Id));
        }
    }

    /// <summary>Schedules the campaign for every person at <paramref name="dueAt"/> (scheduled pulses, prompts).</summary>
    public static async Task ScheduleAsync(BotAppFactory bot, string campaign, IEnumerable<OrgPerson> people, DateTimeOffset dueAt)
    {
        var scheduler = bot.Service<Scheduler>();
        foreach (var person in people)
        {
            await scheduler.ScheduleAsync(WorkKind, Key(campaign, person.Id), new Payload(campaign, person.Id), dueAt);
        }
    }

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = item.PayloadAs<Payload>();
        var person = (await directory.GetAsync(cancellationToken)).FindById(payload.PersonId);
        if (person is null)
        {
            return WorkResult.Fail($"person {payload.PersonId} is not in the org chart");
        }

        var card = new AdaptiveCard { Body = [new TextBlock(CardTitle(payload.Campaign)) { Weight = FontWeight.Bolder }] };
        var result = await messenger.SendAsync(person, card.ToMessage(), cancellationToken);
        return result.Outcome switch
        {
            // Honours Retry-After, capped so a test waits seconds where production waits up to a minute.
            ProactiveOutcome.Throttled => WorkResult.RetryAfter(Min(result.RetryAfter ?? MaxRetryAfter, MaxRetryAfter), "throttled"),
            _ => WorkResult.Done,
        };
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public sealed record Payload(string Campaign, string PersonId);
}
