using DialogueBot.Infrastructure.Anonymity.ScopeKeys;

namespace DialogueBot.Insights;

/// <summary>
/// Between the pulse feature and the Loop feature (anonymous conversations): at publication the pulse hands
/// over the comments whose authors opted in to replies, and when it shows results it asks which comments
/// have a thread. The default says "no threads", so the pulse works without the Loop feature.
/// </summary>
public interface ICommentThreads
{
    /// <summary>
    /// Opens one thread per opted-in comment, idempotently (publication may be rerun while the run's key
    /// exists). Called at publication, so every thread row is written at the same moment as the responses.
    /// </summary>
    Task OpenAsync(ScopeKey runKey, IReadOnlyList<ReplyableComment> comments, CancellationToken cancellationToken);

    /// <summary>The run's threads: (response key, question id) → thread id.</summary>
    Task<IReadOnlyDictionary<(string ResponseKey, string QuestionId), string>> ThreadsOfAsync(string runId, CancellationToken cancellationToken);
}

/// <param name="PendingKey">The pending row the answer came from (random, deleted after publication): what a thread id is derived from.</param>
/// <param name="ResponseKey">The published response's row key.</param>
/// <param name="Author">How to reach the author, to be sealed under the thread's own key and never stored plainly.</param>
public sealed record ReplyableComment(string PendingKey, string ResponseKey, string QuestionId, ReplyAddress Author);

/// <summary>
/// The author's 1:1 chat as the answering turn itself gave it (no storage read, so no storage log shows whose
/// chat was looked up), and their AAD id so that only they can answer in the thread. It travels sealed: in the
/// pending answer under the run's key, then in the thread under the thread's key.
/// </summary>
public sealed record ReplyAddress(string ServiceUrl, string ConversationId, string AadObjectId, string? TenantId, string? ChannelId)
{
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this);

    public static ReplyAddress? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<ReplyAddress>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

public sealed class NoCommentThreads : ICommentThreads
{
    public Task OpenAsync(ScopeKey runKey, IReadOnlyList<ReplyableComment> comments, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<(string ResponseKey, string QuestionId), string>> ThreadsOfAsync(string runId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<(string, string), string>>(new Dictionary<(string, string), string>());
}
