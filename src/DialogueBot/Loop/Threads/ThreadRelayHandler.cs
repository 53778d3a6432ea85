using DialogueBot.BotFramework.Connector;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Conversations;
using DialogueBot.Conversations.Budget;
using DialogueBot.Insights;
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
/// thread's sealed chat address (nothing else knows them, and no table is read to find their chat); the author's answer goes to the leader who wrote last.
/// The key names the message, so the ledger relays each once.
/// </summary>
public sealed class ThreadRelayHandler(
    ThreadService service,
    CommentThreadRepository threads,
    PulseRunRepository runs,
    PulseDefinitionRepository definitions,
    PulseResponseRepository responses,
    OrgDirectory directory,
    ProactiveMessenger messenger,
    IConnectorClient connector) : IWorkHandler
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
        if (message.From == MessageFrom.Leader)
        {
            var authorKey = await service.AuthorKeyAsync(thread.RowKey, cancellationToken);
            var author = authorKey is null ? null : CommentThreadRepository.OpenAuthor(authorKey, thread);
            if (author is null)
            {
                return WorkResult.Done; // resolved meanwhile: the author can no longer be reached, by design
            }

            var leaderName = org.FindById(message.LeaderId)?.Name ?? "A leader";
            var toAuthor = ThreadCards.ToAuthor(leaderName, definition.Title, question?.Text ?? "", message, thread.PartitionKey, thread.RowKey);
            return await SendToAuthorAsync(author, toAuthor, cancellationToken);
        }
        else
        {
            var recipient = org.FindById(CommentThreadRepository.OpenLeader(threadKey, thread));
            if (recipient is null)
            {
                return WorkResult.Done; // the leader left the org chart
            }

            var comment = (await responses.Table.FindAsync<PulseResponseEntity>(thread.PartitionKey, thread.ResponseKey, cancellationToken))?.ToResponse().Answers.GetValueOrDefault(thread.QuestionId) ?? "";
            var revealed = message.RevealedId is null ? null : org.FindById(message.RevealedId)?.Name;
            var card = ThreadCards.ToLeader(definition.Title, comment, message, revealed, thread.PartitionKey, thread.RowKey);
            var result = await messenger.SendAsync(recipient, card.ToMessage(card.FallbackText), cancellationToken);
            return result.Outcome == ProactiveOutcome.Throttled
                ? WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down")
                : WorkResult.Done;
        }
    }

    /// <summary>
    /// Straight to the chat address sealed in the thread, never through the conversation-reference table: a
    /// lookup there would put the author's AAD id in the storage log right after the thread's message.
    /// </summary>
    private async Task<WorkResult> SendToAuthorAsync(ReplyAddress author, BotFramework.Cards.AdaptiveCard card, CancellationToken cancellationToken)
    {
        using var metered = ProactiveScope.Enter(); // counted against the tenant's send budget like every proactive send
        var activity = card.ToMessage(card.FallbackText);
        activity.Conversation = new ConversationAccount { Id = author.ConversationId, TenantId = author.TenantId };
        activity.ChannelId ??= author.ChannelId;
        activity.ServiceUrl ??= author.ServiceUrl;
        try
        {
            await connector.SendToConversationAsync(author.ServiceUrl, author.ConversationId, activity, cancellationToken);
            return WorkResult.Done;
        }
        catch (ConnectorException ex) when (ex.IsConversationGone)
        {
            return WorkResult.Done; // the author removed the bot: they can no longer be reached, by design
        }
        catch (ConnectorException ex) when (ex.IsTransient)
        {
            return WorkResult.RetryAfter(ex.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down");
        }
        catch (SendBudgetUnavailableException)
        {
            return WorkResult.RetryAfter(TimeSpan.FromSeconds(5), "no send slot in the tenant's budget yet");
        }
    }
}
