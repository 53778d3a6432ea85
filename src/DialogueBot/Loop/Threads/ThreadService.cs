using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Insights;
using DialogueBot.Loop.Cards;
using DialogueBot.Org;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Loop.Threads;

/// <summary>A press on a thread and what the card needs to answer it.</summary>
public sealed record ThreadResult(ThreadOutcome Outcome, CommentThreadEntity? Thread = null, ThreadMessage? Message = null);

/// <summary>
/// Anonymous conversations on opted-in pulse comments: opened at publication (<see cref="ICommentThreads"/>),
/// leaders (HR, executives) reply, the author answers back anonymously or with their name, a leader resolves.
/// Every message is stored once (its id comes with the card) and relayed once (a work item keyed by it).
/// The author is known only as a value sealed under the thread's own key, opened by the relay and by the
/// check that the person answering is the author.
/// </summary>
public sealed class ThreadService(
    CommentThreadRepository threads,
    LeaderQuota quota,
    IScopeKeyStore keys,
    PulseRunRepository runs,
    TownHall.TownHalls.TownHallRepository townHalls,
    WorkQueue work,
    TimeProvider time,
    ILogger<ThreadService> logger) : ICommentThreads
{
    public const OrgRole Leaders = OrgRole.HR | OrgRole.Executive;
    private const string ThreadPurpose = "loop-thread";

    public async Task OpenAsync(ScopeKey runKey, IReadOnlyList<ReplyableComment> comments, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var comment in comments)
        {
            // Derived with the run's key: a rerun of the publication finds the same thread; once the run's key is
            // destroyed nothing links the thread back to the pending answer (or so to when it was given).
            var threadId = runKey.Hash(ThreadPurpose, comment.PendingKey + "|" + comment.QuestionId);
            if (await threads.FindAsync(runKey.Scope, threadId, cancellationToken) is not null)
            {
                continue;
            }

            // Two keys: the thread's (messages, the last leader; kept for the history) and the author's (their
            // chat address only; destroyed when the thread is resolved, so no copy of the tables opens it after).
            await keys.GetOrCreateAsync(threadId, cancellationToken);
            var authorKey = await keys.GetOrCreateAsync(AuthorScope(threadId), cancellationToken);
            await threads.TryAddAsync(new CommentThreadEntity
            {
                PartitionKey = runKey.Scope,
                RowKey = threadId,
                ResponseKey = comment.ResponseKey,
                QuestionId = comment.QuestionId,
                Author = CommentThreadRepository.SealAuthor(authorKey, comment.Author),
                OpenedAt = now,
            }, cancellationToken);
        }

        logger.LogInformation("Run {RunId}: {Count} comment threads opened.", runKey.Scope, comments.Count);
    }

    public async Task<IReadOnlyDictionary<(string ResponseKey, string QuestionId), string>> ThreadsOfAsync(string runId, CancellationToken cancellationToken) =>
        (await threads.ListAsync(runId, cancellationToken)).ToDictionary(t => (t.ResponseKey, t.QuestionId), t => t.RowKey);

    /// <summary>A leader writes in the thread: checked (role, state, text, per-thread and per-leader limits), stored once, relayed to the author.</summary>
    public async Task<ThreadResult> ReplyAsync(Caller caller, ThreadReplyData data, CancellationToken cancellationToken)
    {
        var (thread, threadKey) = await OpenThreadAsync(data.Scope, data.ThreadId, cancellationToken);
        if (thread is null || threadKey is null)
        {
            return caller.HasAny(Leaders) ? new(ThreadOutcome.Unknown) : new(ThreadOutcome.NotAllowed);
        }

        if (caller.Person is null || !await MayLeadAsync(thread, caller, cancellationToken))
        {
            return new(ThreadOutcome.NotAllowed);
        }

        if (await threads.MessageExistsAsync(thread.RowKey, data.MessageId, cancellationToken))
        {
            return new(ThreadOutcome.AlreadySent, thread);
        }

        if ((ThreadRules.CheckText(data.Text) ?? ThreadRules.RefuseLeader(thread)) is { } refused)
        {
            return new(refused, thread);
        }

        if (!await quota.TryTakeAsync(caller.Person.Id, cancellationToken))
        {
            return new(ThreadOutcome.LeaderLimit, thread);
        }

        var now = time.GetUtcNow();
        var sealedLeader = CommentThreadRepository.SealLeader(threadKey, caller.Person.Id);
        ThreadOutcome? lost = null;
        var update = await threads.Threads.UpdateAsync<CommentThreadEntity>(thread.PartitionKey, thread.RowKey, t =>
        {
            lost = ThreadRules.RefuseLeader(t);
            if (lost is not null)
            {
                return false;
            }

            ThreadRules.ApplyLeader(t, sealedLeader, now);
            return true;
        }, cancellationToken);
        if (!update.Written)
        {
            return new(lost ?? ThreadOutcome.Unknown, update.Entity);
        }

        var message = new ThreadMessage(data.MessageId, MessageFrom.Leader, caller.Person.Id, data.Text!.Trim(), null, now);
        return await StoreAndRelayAsync(threadKey, update.Entity!, message, cancellationToken);
    }

    /// <summary>The author answers back: only the person the thread's sealed handle opens to, only after a leader wrote.</summary>
    public async Task<ThreadResult> AnswerAsync(Caller caller, ThreadAnswerData data, CancellationToken cancellationToken)
    {
        var (thread, threadKey) = await OpenThreadAsync(data.Scope, data.ThreadId, cancellationToken);
        if (thread is null || threadKey is null)
        {
            return new(ThreadOutcome.Unknown);
        }

        var authorKey = await keys.FindAsync(AuthorScope(thread.RowKey), cancellationToken);
        if (thread.Author is not null && (authorKey is null || !string.Equals(CommentThreadRepository.OpenAuthor(authorKey, thread)?.AadObjectId, caller.AadObjectId, StringComparison.OrdinalIgnoreCase)))
        {
            return new(ThreadOutcome.NotAllowed);
        }

        if (await threads.MessageExistsAsync(thread.RowKey, data.MessageId, cancellationToken))
        {
            return new(ThreadOutcome.AlreadySent, thread);
        }

        if ((ThreadRules.CheckText(data.Text) ?? ThreadRules.RefuseAuthor(thread)) is { } refused)
        {
            return new(refused, thread);
        }

        ThreadOutcome? lost = null;
        var update = await threads.Threads.UpdateAsync<CommentThreadEntity>(thread.PartitionKey, thread.RowKey, t =>
        {
            lost = ThreadRules.RefuseAuthor(t);
            if (lost is not null)
            {
                return false;
            }

            ThreadRules.ApplyAuthor(t);
            return true;
        }, cancellationToken);
        if (!update.Written)
        {
            return new(lost ?? ThreadOutcome.Unknown, update.Entity);
        }

        // The name is stored only because the author pressed "Answer with my name" on this message.
        var revealed = data.Reveal ? caller.Person?.Id : null;
        var message = new ThreadMessage(data.MessageId, MessageFrom.Author, null, data.Text!.Trim(), revealed, time.GetUtcNow());
        return await StoreAndRelayAsync(threadKey, update.Entity!, message, cancellationToken);
    }

    /// <summary>A leader resolves the thread: no more messages, and the author's sealed handle is deleted.</summary>
    public async Task<ThreadResult> ResolveAsync(Caller caller, ThreadResolveData data, CancellationToken cancellationToken)
    {
        var (found, _) = await OpenThreadAsync(data.Scope, data.ThreadId, cancellationToken);
        if (found is null || !await MayLeadAsync(found, caller, cancellationToken))
        {
            return new(found is null && caller.HasAny(Leaders) ? ThreadOutcome.Unknown : ThreadOutcome.NotAllowed);
        }

        var update = await threads.Threads.UpdateAsync<CommentThreadEntity>(data.Scope, data.ThreadId, ThreadRules.Resolve, cancellationToken);
        if (update.Entity is null)
        {
            return new(ThreadOutcome.Unknown);
        }

        // After the handle is gone from the row (a retry of this press lands here again and repeats it harmlessly).
        await keys.DestroyAsync(AuthorScope(data.ThreadId), cancellationToken);
        return new(ThreadOutcome.Resolved, update.Entity);
    }

    /// <summary>The scope of the key that seals the author's chat address (the thread's own key seals the rest).</summary>
    public static string AuthorScope(string threadId) => threadId + ".author";

    /// <summary>The author's key while the thread is open; null once resolved (destroyed).</summary>
    public Task<ScopeKey?> AuthorKeyAsync(string threadId, CancellationToken cancellationToken) => keys.FindAsync(AuthorScope(threadId), cancellationToken);

    /// <summary>The thread and its key; (null, null) for an unknown thread, one whose run is not published, or whose town hall is gone.</summary>
    public async Task<(CommentThreadEntity? Thread, ScopeKey? Key)> OpenThreadAsync(string scope, string threadId, CancellationToken cancellationToken)
    {
        var thread = await threads.FindAsync(scope, threadId, cancellationToken);
        var live = thread switch
        {
            null => false,
            { IsTownHall: true } => await townHalls.FindAsync(scope, cancellationToken) is not null,
            _ => (await runs.FindAsync(scope, cancellationToken))?.Status == RunStatus.Closed,
        };
        return live ? (thread, await keys.FindAsync(threadId, cancellationToken)) : (null, null);
    }

    /// <summary>Who speaks for the organisation in this thread: HR and executives for a pulse comment; the hosts and HR for a town-hall question.</summary>
    private async Task<bool> MayLeadAsync(CommentThreadEntity thread, Caller caller, CancellationToken cancellationToken) =>
        thread.IsTownHall
            ? await townHalls.FindAsync(thread.PartitionKey, cancellationToken) is { } hall && TownHall.TownHallAccess.CanModerate(hall, caller)
            : caller.HasAny(Leaders);

    /// <summary>
    /// An anonymous asker ticked "the hosts may follow up with me anonymously": one thread for the question,
    /// written with it (a retried ask finds it). The asker's chat address is sealed under the thread's author
    /// key, as for a pulse comment; the question itself stores nothing new.
    /// </summary>
    public async Task OpenForQuestionAsync(string townHallId, string questionId, ReplyAddress asker, CancellationToken cancellationToken)
    {
        var threadId = $"{townHallId}-{questionId}";
        if (await threads.FindAsync(townHallId, threadId, cancellationToken) is not null)
        {
            return;
        }

        await keys.GetOrCreateAsync(threadId, cancellationToken);
        var authorKey = await keys.GetOrCreateAsync(AuthorScope(threadId), cancellationToken);
        await threads.TryAddAsync(new CommentThreadEntity
        {
            PartitionKey = townHallId,
            RowKey = threadId,
            Kind = "townhall",
            QuestionId = questionId,
            Author = CommentThreadRepository.SealAuthor(authorKey, asker),
            OpenedAt = time.GetUtcNow(),
        }, cancellationToken);
    }

    private async Task<ThreadResult> StoreAndRelayAsync(ScopeKey threadKey, CommentThreadEntity thread, ThreadMessage message, CancellationToken cancellationToken)
    {
        if (!await threads.TryAddMessageAsync(threadKey, message, cancellationToken))
        {
            return new(ThreadOutcome.AlreadySent, thread);
        }

        // Keyed by the message: the ledger sends it once however often this is enqueued. Scope = the thread.
        await work.EnqueueAsync(LoopWorkKinds.Relay, $"{thread.RowKey}.{message.Id}", new RelayPayload(thread.PartitionKey, thread.RowKey, message.Id), cancellationToken: cancellationToken);
        return new(ThreadOutcome.Sent, thread, message);
    }
}
