using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Loop.Cards;
using DialogueBot.Org;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Loop.Threads;

/// <summary>
/// loop.relay: one thread message to the other side. A leader's reply goes to the author, found by opening the
/// thread's sealed handle (nothing else knows them); the author's answer goes to the leader who wrote last.
/// The key names the message, so the ledger relays each once.
/// </summary>
public sealed class ThreadRelayHandler(
    ThreadService service,
    CommentThreadRepository threads,
    PulseRunRepository runs,
    PulseDefinitionRepository definitions,
    PulseResponseRepository responses,
    OrgDirectory directory,
    ProactiveMessenger messenger) : IWorkHandler
{
    public string Kind => LoopWorkKinds.Relay;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = item.PayloadAs<RelayPayload>();
        var (thread, threadKey) = await service.OpenThreadAsync(payload.Scope, payload.ThreadId, cancellationToken);
        var message = threadKey is null ? null : await threads.FindMessageAsync(threadKey, payload.MessageId, cancellationToken);
        var run = await runs.FindAsync(payload.Scope, cancellationToken);
        var definition = run is null ? null : await definitions.FindAsync(run.PulseId, cancellationToken);
        if (thread is null || threadKey is null || message is null || definition is null)
        {
            return WorkResult.Fail("The thread, its message or its pulse no longer exists.");
        }

        var org = await directory.GetAsync(cancellationToken);
        var question = definition.Questions.FirstOrDefault(q => q.Id == thread.QuestionId);
        OrgPerson? recipient;
        BotFramework.Cards.AdaptiveCard card;
        if (message.From == MessageFrom.Leader)
        {
            var author = CommentThreadRepository.OpenAuthor(threadKey, thread);
            if (author is null)
            {
                return WorkResult.Done; // resolved meanwhile: the author can no longer be reached, by design
            }

            recipient = org.FindByAadObjectId(author) ?? new OrgPerson { Id = "author", Name = "", AadObjectId = author };
            var leaderName = org.FindById(message.LeaderId)?.Name ?? "A leader";
            card = ThreadCards.ToAuthor(leaderName, definition.Title, question?.Text ?? "", message, thread.PartitionKey, thread.RowKey);
        }
        else
        {
            recipient = org.FindById(CommentThreadRepository.OpenLeader(threadKey, thread));
            if (recipient is null)
            {
                return WorkResult.Done; // the leader left the org chart
            }

            var comment = (await responses.Table.FindAsync<PulseResponseEntity>(thread.PartitionKey, thread.ResponseKey, cancellationToken))?.ToResponse().Answers.GetValueOrDefault(thread.QuestionId) ?? "";
            var revealed = message.RevealedId is null ? null : org.FindById(message.RevealedId)?.Name;
            card = ThreadCards.ToLeader(definition.Title, comment, message, revealed, thread.PartitionKey, thread.RowKey);
        }

        var result = await messenger.SendAsync(recipient, card.ToMessage(card.FallbackText), cancellationToken);
        return result.Outcome == ProactiveOutcome.Throttled
            ? WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down")
            : WorkResult.Done;
    }
}
