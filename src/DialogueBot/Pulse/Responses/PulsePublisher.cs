using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Insights;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Submissions;

namespace DialogueBot.Pulse.Responses;

/// <summary>
/// Publishes a closing run in one step: every pending answer is opened with the run's key, written to
/// PulseResponses in shuffled order under keys derived with the run's key, and the aggregates are written
/// whole, computed from all answers at once. Nothing is published while the run is open, so there is never
/// a batch smaller than everything, and no response is dated finer than the day of publication.
/// The step is deterministic: a crash half-way and a rerun rewrite the same rows with the same values (the
/// run's key still exists until the caller destroys it after marking the run published).
/// </summary>
public sealed class PulsePublisher(
    PulseSubmissionRepository submissions,
    PulseResponseRepository responses,
    PulseAggregateRepository aggregates,
    ICommentThreads threads,
    TimeProvider time,
    ILogger<PulsePublisher> logger)
{
    private const string ResponsePurpose = "pulse-response";

    public async Task<int> PublishAsync(ScopeKey runKey, IReadOnlyList<PulseQuestion> questions, CancellationToken cancellationToken)
    {
        var pending = await submissions.ListPendingAsync(runKey, cancellationToken);
        var readable = pending.Where(p => p.Answer is not null).ToList();
        if (readable.Count < pending.Count)
        {
            // Only a row not sealed by this app for this run can fail to open; it cannot be counted, so say so.
            logger.LogWarning("Run {RunId}: {Count} pending answers could not be opened and are not published.", runKey.Scope, pending.Count - readable.Count);
        }

        var day = PulseDates.IsoDay(time.GetUtcNow());
        var rows = readable.Select(p => new PulseResponseEntity
        {
            PartitionKey = runKey.Scope,
            // Derived with the run's key: a rerun rewrites the same row, and once the key is destroyed nothing
            // links a response to the pending row (and so to the moment) it came from.
            RowKey = runKey.Hash(ResponsePurpose, p.RowKey),
            Day = day,
            Unit = p.Answer!.Unit,
            Level = p.Answer.Level,
            Answers = p.Answer.Answers,
        }).ToArray();
        Random.Shared.Shuffle(rows);
        await responses.UpsertAsync(rows, cancellationToken);
        await aggregates.ReplaceAllAsync(runKey.Scope, AggregateBuilder.Build(rows.Select(r => r.ToResponse()), questions), cancellationToken);

        // Comments whose authors opted in to anonymous replies: handed over now, with everything else, so the
        // thread rows carry the publication time and nothing dates or orders the answer they came from.
        var textQuestions = questions.Where(q => q.Kind == QuestionKind.Text).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var replyable = readable.Select(p => (p.RowKey, p.Answer!, Author: ReplyAddress.FromJson(p.Answer!.ReplyTo)))
            .Where(p => p.Author is not null)
            .SelectMany(p => PulseAnswers.Parse(p.Item2.Answers).Keys.Where(textQuestions.Contains)
                .Select(q => new ReplyableComment(p.RowKey, runKey.Hash(ResponsePurpose, p.RowKey), q, p.Author!)))
            .ToList();
        if (replyable.Count > 0)
        {
            await threads.OpenAsync(runKey, replyable, cancellationToken);
        }

        return rows.Length;
    }
}
