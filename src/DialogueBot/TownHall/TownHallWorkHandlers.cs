using DialogueBot.BotFramework.Cards;
using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>What a delivery carries to one person.</summary>
public enum DeliveryKind
{
    Announcement,
    Answered,
    Summary,
}

public sealed record DeliveryWork(string TownHallId, string PersonId, DeliveryKind What, string? QuestionId = null);

/// <summary>
/// Fans a town-hall event out into one delivery per person. Each delivery has its own key (town hall,
/// what, person), so a repeated fan-out never sends anyone a second card.
/// </summary>
public sealed class TownHallFanOut(TownHallRepository townHalls, QuestionRepository questions, QuestionFollowerRepository followers, OrgDirectory directory, WorkQueue work) : IWorkHandler
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

        var org = await directory.GetAsync(cancellationToken);
        if (request.What == DeliveryKind.Answered)
        {
            var question = await questions.FindAsync(townHall.Id, request.QuestionId ?? "", cancellationToken);
            if (question is null)
            {
                return WorkResult.Fail($"Question {request.QuestionId} of {townHall.Id} does not exist.");
            }

            var rows = await followers.ListAsync(townHall.Id, question.Id, cancellationToken);
            var recipients = rows.Select(r => r.PersonId).ToList();
            if (!question.Anonymous && question.AuthorPersonId.Length > 0)
            {
                recipients.Add(question.AuthorPersonId);
            }

            foreach (var personId in recipients.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                await EnqueueAnsweredAsync(work, townHall.Id, question.Id, personId, cancellationToken);
            }

            // Who follows what is kept only as long as it is needed: once every card is queued, it goes.
            foreach (var row in rows)
            {
                await followers.RemoveAsync(row, cancellationToken);
            }

            return WorkResult.Done;
        }

        var what = request.What == DeliveryKind.Summary ? "summary" : "announce";
        foreach (var person in org.People.Where(p => TownHallAccess.IsInAudience(townHall, p) && p.AadObjectId is not null))
        {
            await work.EnqueueAsync(TownHallWorkKinds.Deliver, $"{townHall.Id}.{what}.{person.Id}", new DeliveryWork(townHall.Id, person.Id, request.What), cancellationToken: cancellationToken);
        }

        return WorkResult.Done;
    }

    /// <summary>The answer card to one person; keyed so that the fan-out and a late follow never both send it.</summary>
    public static Task EnqueueAnsweredAsync(WorkQueue work, string townHallId, string questionId, string personId, CancellationToken cancellationToken) =>
        work.EnqueueAsync(TownHallWorkKinds.Deliver, $"{townHallId}.{questionId}.answered.{personId}", new DeliveryWork(townHallId, personId, DeliveryKind.Answered, questionId), cancellationToken: cancellationToken);

    public static Task EnqueueAsync(WorkQueue work, string townHallId, DeliveryKind what, string? questionId, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        work.EnqueueAsync(TownHallWorkKinds.FanOut, questionId is null ? $"{townHallId}.{what}" : $"{townHallId}.{questionId}.{what}", new FanOutWork(townHallId, what, questionId), delay, cancellationToken);
}

public sealed record FanOutWork(string TownHallId, DeliveryKind What, string? QuestionId = null);

/// <summary>Sends one town-hall card to one person's 1:1 chat.</summary>
public sealed class TownHallDelivery(TownHallRepository townHalls, QuestionRepository questions, OrgDirectory directory, ProactiveMessenger messenger) : IWorkHandler
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
            DeliveryKind.Announcement => TownHallCards.Announcement(townHall, townHall.Hosts.Select(h => org.FindById(h)?.Name).OfType<string>().ToList()),
            DeliveryKind.Answered => await questions.FindAsync(townHall.Id, request.QuestionId ?? "", cancellationToken) is { State: QuestionStates.Answered } q ? TownHallCards.Answered(townHall, q) : null,
            DeliveryKind.Summary => await SummaryAsync(townHall, cancellationToken),
            _ => null,
        };
        if (card is null)
        {
            return WorkResult.Done;
        }

        var result = await messenger.SendAsync(person, card.ToMessage(), cancellationToken);
        return result.Outcome == ProactiveOutcome.Throttled ? WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down.") : WorkResult.Done;
    }

    private async Task<AdaptiveCard> SummaryAsync(TownHallEntity townHall, CancellationToken cancellationToken)
    {
        var all = await questions.ListAsync(townHall.Id, cancellationToken);
        var answered = all.Where(q => q.State == QuestionStates.Answered).OrderByDescending(q => q.Votes).ThenBy(q => q.Number).ToList();
        var open = all.Where(q => q.State == QuestionStates.Open).OrderByDescending(q => q.Votes).ThenBy(q => q.Number).ToList();
        return TownHallCards.Summary(townHall, answered, open);
    }
}

/// <summary>An anonymous asker's own follow, added later as an ordinary upvote (see docs/anonymity.md).</summary>
public sealed class TownHallFollow(TownHallService service, OrgDirectory directory, WorkQueue work) : IWorkHandler
{
    public string Kind => TownHallWorkKinds.Follow;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var request = item.PayloadAs<FollowWork>();
        var person = (await directory.GetAsync(cancellationToken)).FindById(request.PersonId);
        if (person?.AadObjectId is null)
        {
            return WorkResult.Done;
        }

        var result = await service.SetVoteAsync(new Caller(person.AadObjectId.ToLowerInvariant(), person), request.TownHallId, request.QuestionId, on: true, cancellationToken);
        if (result.Problem == TownHallProblem.NotOpen && result.Question?.State == Questions.QuestionStates.Pending)
        {
            // Not approved yet (pre-moderation): votes open on approval, so try again later.
            return WorkResult.RetryAfter(TimeSpan.FromMinutes(15), "The question awaits approval.");
        }

        if (result.Problem == TownHallProblem.NotOpen && result.Question is { State: Questions.QuestionStates.Answered } answered)
        {
            // Answered before this delayed follow landed (at a live event answers come fast): the asker still
            // gets the answer, under the key the answer's fan-out uses, so never twice.
            await TownHallFanOut.EnqueueAnsweredAsync(work, request.TownHallId, answered.Id, person.Id, cancellationToken);
        }

        return WorkResult.Done;
    }
}
