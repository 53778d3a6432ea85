using DialogueBot.BotFramework.Cards;
using DialogueBot.Conversations;
using DialogueBot.Conversations.Delivery;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.TownHalls;
using Microsoft.Extensions.Options;

namespace DialogueBot.TownHall;

/// <summary>The payload of the retired delayed-follow work item (kept so queued old messages still parse).</summary>
public sealed record FollowWork(string TownHallId, string QuestionId, string PersonId);

public static class TownHallWorkKinds
{
    public const string FanOut = "townhall.fanout";
    /// <summary>Retired: messages from before the follower rows were written at ask time are completed unread.</summary>
    public const string Follow = "townhall.follow";
    /// <summary>Announcement and summary cards to one person.</summary>
    public const string Deliver = "townhall.deliver";
    /// <summary>One answer card to one follower row (payload: town hall, question, row key; never a person id).</summary>
    public const string Answered = "townhall.answered";
    /// <summary>Ends the town hall: deletes votes and followers, destroys its key.</summary>
    public const string Finish = "townhall.finish";
}

/// <summary>What a delivery carries to one person.</summary>
public enum DeliveryKind
{
    Announcement,
    Answered,
    Summary,
}

/// <summary>An announcement or summary card to one person (not tied to any question).</summary>
public sealed record DeliveryWork(string TownHallId, string PersonId, DeliveryKind What, string? QuestionId = null);

/// <summary>One answer card: the follower row to read; the person is only in that row, sealed with the hall's key.</summary>
public sealed record AnsweredWork(string TownHallId, string QuestionId, string FollowerKey);

public sealed record FanOutWork(string TownHallId, DeliveryKind What, string? QuestionId = null);

/// <summary>
/// Fans a town-hall event out into one delivery per person. Each delivery has its own key, so a repeated
/// fan-out never sends anyone a second card; no key names a person: answer cards are keyed by the follower
/// row's pseudonym, announcements and summaries by the town hall's key applied to the person.
/// </summary>
public sealed class TownHallFanOut(
    TownHallRepository townHalls, QuestionRepository questions, QuestionFollowerRepository followers, TownHallKeys keys,
    OrgDirectory directory, WorkQueue work, Scheduler scheduler, DeliveryReports reports, IOptions<TownHallOptions> options, TimeProvider time) : IWorkHandler
{
    public string Kind => TownHallWorkKinds.FanOut;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var request = item.PayloadAs<FanOutWork>();
        var townHall = await townHalls.FindAsync(request.TownHallId, cancellationToken);
        if (townHall is null)
        {
            return WorkResult.Fail($"Town hall {request.TownHallId} does not exist.");
        }

        // A finished town hall has no key, no followers and sent its summary: there is nobody left to tell.
        if (await keys.LiveAsync(townHall, cancellationToken) is not { } key)
        {
            return WorkResult.Done;
        }

        var org = await directory.GetAsync(cancellationToken);
        if (request.What == DeliveryKind.Answered)
        {
            var question = await questions.FindAsync(townHall.Id, request.QuestionId ?? "", cancellationToken);
            if (question is null)
            {
                return WorkResult.Fail($"Question {request.QuestionId} of {townHall.Id} does not exist.");
            }

            // A named asker always hears the answer; questions asked before follower rows were written at ask
            // time get theirs here (upsert: idempotent).
            if (!question.Anonymous && org.FindById(question.AuthorPersonId) is { } author)
            {
                await followers.FollowAsync(key, townHall.Id, question.Id, QuestionFollowerRepository.FollowerHash(key, author.AadObjectId ?? author.Id), author.Id, cancellationToken);
            }

            var rows = await followers.ListAsync(townHall.Id, question.Id, cancellationToken);
            await reports.StartAsync(TownHallDeliveryReports.Answered(townHall.Id, question.Id), rows.Count, cancellationToken);
            foreach (var row in rows)
            {
                await work.EnqueueAsync(TownHallWorkKinds.Answered, $"{townHall.Id}.{question.Id}.answered.{row.FollowerHash}", new AnsweredWork(townHall.Id, question.Id, row.RowKey), cancellationToken: cancellationToken);
            }

            return WorkResult.Done;
        }

        var what = request.What == DeliveryKind.Summary ? "summary" : "announce";
        var audience = TownHallDeliveryReports.Audience(townHall, org);
        await reports.StartAsync(TownHallDeliveryReports.Of(townHall.Id, request.What), audience.Count, cancellationToken);
        foreach (var person in audience)
        {
            await work.EnqueueAsync(TownHallWorkKinds.Deliver, $"{townHall.Id}.{what}.{key.Hash("deliver", person.Id)}", new DeliveryWork(townHall.Id, person.Id, request.What), cancellationToken: cancellationToken);
        }

        if (request.What == DeliveryKind.Summary)
        {
            await ScheduleFinishAsync(townHall, cancellationToken);
        }

        return WorkResult.Done;
    }

    /// <summary>
    /// The summary promises that followers of still-open questions hear when they are answered, so the hall is
    /// finished <see cref="TownHallOptions.FollowUpPeriod"/> after its summary is queued, not at once.
    /// </summary>
    private async Task ScheduleFinishAsync(TownHallEntity townHall, CancellationToken cancellationToken)
    {
        var key = $"{townHall.Id}.finish";
        var payload = new FinishWork(townHall.Id);
        var period = options.Value.FollowUpPeriod;
        if (period <= TimeSpan.Zero)
        {
            await work.EnqueueAsync(TownHallWorkKinds.Finish, key, payload, cancellationToken: cancellationToken);
        }
        else
        {
            await scheduler.ScheduleAsync(TownHallWorkKinds.Finish, key, payload, time.GetUtcNow() + period, cancellationToken);
        }
    }

    public static Task EnqueueAsync(WorkQueue work, string townHallId, DeliveryKind what, string? questionId, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        work.EnqueueAsync(TownHallWorkKinds.FanOut, questionId is null ? $"{townHallId}.{what}" : $"{townHallId}.{questionId}.{what}", new FanOutWork(townHallId, what, questionId), delay, cancellationToken);
}

/// <summary>Sends an announcement or summary card to one person's 1:1 chat.</summary>
public sealed class TownHallDelivery(TownHallRepository townHalls, QuestionRepository questions, OrgDirectory directory, ProactiveMessenger messenger, DeliveryReports reports, TownHallService service, Insights.IRecognitionInsights recognition) : IWorkHandler
{
    public string Kind => TownHallWorkKinds.Deliver;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var request = item.PayloadAs<DeliveryWork>();
        var townHall = await townHalls.FindAsync(request.TownHallId, cancellationToken);
        var org = await directory.GetAsync(cancellationToken);
        var person = org.FindById(request.PersonId);
        if (townHall is null || person is null)
        {
            return WorkResult.Done; // the town hall or the person is gone: nothing to tell anyone
        }

        AdaptiveCard? card = request.What switch
        {
            DeliveryKind.Announcement => TownHallCards.Announcement(townHall, townHall.Hosts.Select(h => org.FindById(h)?.Name).OfType<string>().ToList(), await service.OffersAnonymityAsync(townHall, cancellationToken) ? null : service.MinimumGroupSize),
            // Answer cards queued by a version before follower rows carried them (person id in the payload).
            DeliveryKind.Answered => await questions.FindAsync(townHall.Id, request.QuestionId ?? "", cancellationToken) is { State: QuestionState.Answered } q ? TownHallCards.Answered(townHall, q) : null,
            DeliveryKind.Summary => await SummaryAsync(townHall, cancellationToken),
            _ => null,
        };
        if (card is null)
        {
            return WorkResult.Done;
        }

        var result = await messenger.SendAsync(person, card.ToMessage(), cancellationToken);
        if (request.What != DeliveryKind.Answered)
        {
            await reports.RecordAsync(TownHallDeliveryReports.Of(townHall.Id, request.What), ReportDetail.Named, item, result, cancellationToken);
        }

        return result.Outcome == ProactiveOutcome.Throttled ? WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down.") : WorkResult.Done;
    }

    private async Task<AdaptiveCard> SummaryAsync(TownHallEntity townHall, CancellationToken cancellationToken)
    {
        var all = await questions.ListAsync(townHall.Id, cancellationToken);
        var answered = all.Where(q => q.State == QuestionState.Answered).OrderByDescending(q => q.Votes).ThenBy(q => q.Number).ToList();
        var open = all.Where(q => q.State == QuestionState.Open).OrderByDescending(q => q.Votes).ThenBy(q => q.Number).ToList();
        return TownHallCards.Summary(townHall, answered, open, wins: await recognition.FeaturedWinsAsync(townHall.EventAt, TownHallCards.MaxWins, cancellationToken));
    }
}

/// <summary>
/// The fan-out names of a town hall's delivery reports. Announcement and summary go to an audience of org
/// units, so their reports may name who could not be reached; answer cards go to followers (who upvoted or
/// asked), so theirs say only how many were handled.
/// </summary>
public static class TownHallDeliveryReports
{
    public static string Of(string townHallId, DeliveryKind what) => $"{townHallId}.{(what == DeliveryKind.Summary ? "summary" : "announce")}";

    public static string Answered(string townHallId, string questionId) => $"{townHallId}.{questionId}.answered";

    public static List<OrgPerson> Audience(TownHallEntity townHall, OrgSnapshot org) =>
        org.People.Where(p => TownHallAccess.IsInAudience(townHall, p) && p.AadObjectId is not null).ToList();
}
