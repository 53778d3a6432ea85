using DialogueBot.Conversations;
using DialogueBot.Conversations.Delivery;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>
/// Sends one answer card to the person one follower row was sealed for, then deletes the row: who follows
/// what is kept only until they have been told. The work item names the row, never the person, so the queue,
/// the ledger and the poison table hold nothing that a reader without the town hall's key can tie to anyone.
/// </summary>
public sealed class TownHallAnsweredDelivery(
    TownHallRepository townHalls, QuestionRepository questions, QuestionFollowerRepository followers, TownHallKeys keys,
    OrgDirectory directory, ProactiveMessenger messenger, DeliveryReports reports) : IWorkHandler
{
    public string Kind => TownHallWorkKinds.Answered;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var request = item.PayloadAs<AnsweredWork>();
        var townHall = await townHalls.FindAsync(request.TownHallId, cancellationToken);
        var question = townHall is null ? null : await questions.FindAsync(townHall.Id, request.QuestionId, cancellationToken);
        var row = townHall is null ? null : await followers.FindAsync(townHall.Id, request.FollowerKey, cancellationToken);
        if (townHall is null || question is not { State: QuestionState.Answered } || row is null)
        {
            return WorkResult.Done; // gone, no longer answered, or already told (the row goes once the card is sent)
        }

        var key = await keys.FindAsync(townHall.Id, cancellationToken);
        var person = key is null ? null : QuestionFollowerRepository.RecipientOf(key, row) is { } id ? (await directory.GetAsync(cancellationToken)).FindById(id) : null;
        if (person is not null)
        {
            var result = await messenger.SendAsync(person, TownHallCards.Answered(townHall, question).ToMessage(), cancellationToken);
            await reports.RecordAsync(TownHallDeliveryReports.Answered(townHall.Id, question.Id), ReportDetail.HandledOnly, item, result, cancellationToken);
            if (result.Outcome == ProactiveOutcome.Throttled)
            {
                return WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down.");
            }
        }

        await followers.RemoveAsync(row, cancellationToken);
        return WorkResult.Done;
    }
}

/// <summary>
/// The retired delayed follow of an anonymous asker. Messages queued before this version may still be on the
/// queue (they waited up to ten minutes, and re-queued every 15 under pre-moderation): they are completed
/// unread, so the person id they carry leaves the queue. Such an asker reads the answer on the board.
/// </summary>
public sealed class TownHallRetiredFollow : IWorkHandler
{
    public string Kind => TownHallWorkKinds.Follow;

    public Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken) => Task.FromResult(WorkResult.Done);
}
