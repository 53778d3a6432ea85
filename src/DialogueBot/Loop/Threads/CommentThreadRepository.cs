using System.Text.Json;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Insights;

namespace DialogueBot.Loop.Threads;

/// <summary>Thread rows and their sealed messages. Every value that could name a person is sealed with the thread's key.</summary>
public sealed class CommentThreadRepository(AppStorage storage)
{
    public const string ThreadsTable = "LoopThreads";
    public const string MessagesTable = "LoopMessages";
    private const string AuthorContext = "loop-author";
    private const string LeaderContext = "loop-leader";
    private const string MessageContext = "loop-message";

    public TableClient Threads => storage.Table(ThreadsTable);

    public TableClient Messages => storage.Table(MessagesTable);

    public Task<CommentThreadEntity?> FindAsync(string scope, string threadId, CancellationToken cancellationToken) =>
        Threads.FindAsync<CommentThreadEntity>(scope, threadId, cancellationToken);

    public Task<List<CommentThreadEntity>> ListAsync(string scope, CancellationToken cancellationToken) =>
        Threads.ListPartitionAsync<CommentThreadEntity>(scope, cancellationToken);

    public async Task<List<CommentThreadEntity>> ListAllAsync(CancellationToken cancellationToken)
    {
        var rows = new List<CommentThreadEntity>();
        await foreach (var row in Threads.QueryAsync<CommentThreadEntity>(cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Adds the thread unless a rerun of the publication already did (the first row stays).</summary>
    public Task<bool> TryAddAsync(CommentThreadEntity thread, CancellationToken cancellationToken) => Threads.TryAddAsync(thread, cancellationToken);

    public static string SealAuthor(ScopeKey authorKey, ReplyAddress author) => authorKey.Seal(author.ToJson(), AuthorContext);

    public static ReplyAddress? OpenAuthor(ScopeKey authorKey, CommentThreadEntity thread) => ReplyAddress.FromJson(authorKey.Open(thread.Author, AuthorContext));

    public static string SealLeader(ScopeKey threadKey, string personId) => threadKey.Seal(personId, LeaderContext);

    public static string? OpenLeader(ScopeKey threadKey, CommentThreadEntity thread) => threadKey.Open(thread.LastLeader, LeaderContext);

    public async Task<bool> MessageExistsAsync(string threadId, string messageId, CancellationToken cancellationToken) =>
        await Messages.FindAsync<ThreadMessageEntity>(threadId, messageId, cancellationToken) is not null;

    /// <summary>Stores the message once: false when a message with this id is already there (a retried press).</summary>
    public Task<bool> TryAddMessageAsync(ScopeKey threadKey, ThreadMessage message, CancellationToken cancellationToken) =>
        Messages.TryAddAsync(new ThreadMessageEntity
        {
            PartitionKey = threadKey.Scope,
            RowKey = message.Id,
            Sealed = threadKey.Seal(JsonSerializer.Serialize(message), MessageContext + "\n" + message.Id),
        }, cancellationToken);

    public async Task<ThreadMessage?> FindMessageAsync(ScopeKey threadKey, string messageId, CancellationToken cancellationToken) =>
        await Messages.FindAsync<ThreadMessageEntity>(threadKey.Scope, messageId, cancellationToken) is { } row ? Open(threadKey, row) : null;

    /// <summary>The thread's messages in the order they were written.</summary>
    public async Task<List<ThreadMessage>> ListMessagesAsync(ScopeKey threadKey, CancellationToken cancellationToken) =>
        (await Messages.ListPartitionAsync<ThreadMessageEntity>(threadKey.Scope, cancellationToken))
            .Select(row => Open(threadKey, row)).OfType<ThreadMessage>().OrderBy(m => m.At).ToList();

    private static ThreadMessage? Open(ScopeKey threadKey, ThreadMessageEntity row) =>
        threadKey.Open(row.Sealed, MessageContext + "\n" + row.RowKey) is { } json ? JsonSerializer.Deserialize<ThreadMessage>(json) : null;
}
