using DialogueBot.Conversations.Delivery;
using DialogueBot.Infrastructure.Work;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.QuestionVotes;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

public sealed record FinishWork(string TownHallId);

/// <summary>
/// Finishes a town hall, <see cref="TownHallOptions.FollowUpPeriod"/> after its summary was queued (the
/// summary fan-out schedules this) and once every answer card already queued has gone out (no follower row of
/// an answered question is left; a delivery deletes its row). Then: no more votes or follows (the hall is
/// marked finished), the scope key is destroyed, every vote and follower row deleted, and the ledger rows of
/// its per-person deliveries purged. The vote counts stay on the questions and the board stays readable.
/// From then on nothing stored ties any person to any question, with any key.
/// </summary>
public sealed class TownHallFinish(
    TownHallRepository townHalls, QuestionRepository questions, QuestionVoteRepository votes, QuestionFollowerRepository followers,
    TownHallKeys keys, WorkLedger ledger, DeliveryReports reports) : IWorkHandler
{
    /// <summary>Answer cards stuck longer than this many tries (Teams down for hours) do not keep the hall's key alive.</summary>
    private const int MaxWaits = 8;

    public string Kind => TownHallWorkKinds.Finish;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var request = item.PayloadAs<FinishWork>();
        var townHall = await townHalls.FindAsync(request.TownHallId, cancellationToken);
        if (townHall is null)
        {
            return WorkResult.Done;
        }

        if (!townHall.Finished && item.Attempts < MaxWaits && await AnswerCardsPendingAsync(townHall.Id, cancellationToken))
        {
            return WorkResult.RetryAfter(TimeSpan.FromSeconds(5), "Answer cards are still going out.");
        }

        // Finished first, so no instance writes a vote or follower after the rows below are deleted; then the
        // key, so nothing written by a straggler could be read anyway. Each step is idempotent: a retry resumes.
        await townHalls.MarkFinishedAsync(townHall.Id, cancellationToken);
        await keys.DestroyAsync(townHall.Id, cancellationToken);
        await votes.DeleteHallAsync(townHall.Id, cancellationToken);
        await followers.DeleteHallAsync(townHall.Id, cancellationToken);
        await ledger.PurgeScopeAsync(townHall.Id, [TownHallWorkKinds.Answered, TownHallWorkKinds.Deliver], cancellationToken);
        await reports.CollapseAsync(TownHallDeliveryReports.Of(townHall.Id, DeliveryKind.Announcement), cancellationToken);
        await reports.CollapseAsync(TownHallDeliveryReports.Of(townHall.Id, DeliveryKind.Summary), cancellationToken);
        foreach (var question in await questions.ListAsync(townHall.Id, cancellationToken))
        {
            await reports.CollapseAsync(TownHallDeliveryReports.Answered(townHall.Id, question.Id), cancellationToken);
        }

        return WorkResult.Done;
    }

    private async Task<bool> AnswerCardsPendingAsync(string townHallId, CancellationToken cancellationToken)
    {
        var answered = (await questions.ListAsync(townHallId, cancellationToken)).Where(q => q.State == QuestionState.Answered).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        return (await followers.ListHallAsync(townHallId, cancellationToken)).Any(r => answered.Contains(r.QuestionId));
    }
}
