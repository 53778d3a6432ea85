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
    TownHall.TownHalls.TownHallRepository townHalls,
    TownHall.Questions.QuestionRepository questions,
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
        var about = thread is null ? null : await AboutAsync(thread, cancellationToken);
        if (thread is null || threadKey is null || message is null || about is null)
        {
            return WorkResult.Fail("The thread, its message or what it is about no longer exists.");
        }

        var org = await directory.GetAsync(cancellationToken);
        if (message.From == MessageFrom.Leader)
        {
            var authorKey = await service.AuthorKeyAsync(thread.RowKey, cancellationToken);
            var author = authorKey is null ? null : CommentThreadRepository.OpenAuthor(authorKey, thread);
            if (author is null)
            {
                return WorkResult.Done; // resolved meanwhile: the author can no longer be reached, by design
            }

            var leaderName = org.FindById(message.LeaderId)?.Name ?? "A leader";
            var toAuthor = ThreadCards.ToAuthor(leaderName, about.Title, about.Context, message, thread.PartitionKey, thread.RowKey, about.Noun);
            return await SendToAuthorAsync(author, toAuthor, cancellationToken);
        }
        else
        {
            var recipient = org.FindById(CommentThreadRepository.OpenLeader(threadKey, thread));
            if (recipient is null)
            {
                return WorkResult.Done; // the leader left the org chart
            }

            var revealed = message.RevealedId is null ? null : org.FindById(message.RevealedId)?.Name;
            var card = ThreadCards.ToLeader(about.Title, about.Quote, message, revealed, thread.PartitionKey, thread.RowKey);
            var result = await messenger.SendAsync(recipient, card.ToMessage(card.FallbackText), cancellationToken);
            return result.Outcome == ProactiveOutcome.Throttled
                ? WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down")
                : WorkResult.Done;
        }
    }

    /// <summary>
    /// What the thread is about, for the cards: the pulse's title and question (the author's card never quotes
    /// their comment), or the town hall's title (the asker's card never quotes their question); the leader's
    /// card quotes the comment or question, which leaders see anyway.
    /// </summary>
    private async Task<About?> AboutAsync(CommentThreadEntity thread, CancellationToken cancellationToken)
    {
        if (thread.IsTownHall)
        {
            var hall = await townHalls.FindAsync(thread.PartitionKey, cancellationToken);
            var question = hall is null ? null : await questions.FindAsync(hall.Id, thread.QuestionId, cancellationToken);
            return hall is null || question is null ? null : new About(hall.Title, "a town-hall question", "your anonymous question", question.Text);
        }

        var run = await runs.FindAsync(thread.PartitionKey, cancellationToken);
        var definition = run is null ? null : await definitions.FindAsync(run.PulseId, cancellationToken);
        if (definition is null)
        {
            return null;
        }

        var comment = (await responses.Table.FindAsync<PulseResponseEntity>(thread.PartitionKey, thread.ResponseKey, cancellationToken))?.ToResponse().Answers.GetValueOrDefault(thread.QuestionId) ?? "";
        return new About(definition.Title, definition.Questions.FirstOrDefault(q => q.Id == thread.QuestionId)?.Text ?? "", "your anonymous comment", comment);
    }

    private sealed record About(string Title, string Context, string Noun, string Quote);

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
