using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Submissions;
using Microsoft.Extensions.Options;

namespace DialogueBot.Pulse.Responses;

/// <summary>
/// Moves pending answers of a run into PulseResponses and the aggregates, in shuffled batches:
/// <list type="number">
/// <item>take the flush lease (one flusher per run across instances);</item>
/// <item>finish any batch a crashed flush left (its B row lists exactly which pending rows it covers);</item>
/// <item>while the run is open, wait until at least k answers are pending, so a batch never stands for fewer than k people;</item>
/// <item>shuffle, write a B row, upsert responses under keys derived from the pending ids (a rerun rewrites the same rows),
///   add the batch to every aggregate row it touches (each row remembers applied batches), then delete the pending rows
///   and the B row in one transaction;</item>
/// <item>rewrite every participation row, so their timestamps all read "last flush" rather than "when this person answered".</item>
/// </list>
/// </summary>
public sealed class PulseFlusher(
    PulseSubmissionRepository submissions,
    PulseResponseRepository responses,
    PulseAggregateRepository aggregates,
    IdentityHasher hasher,
    IOptions<Infrastructure.Anonymity.AnonymityOptions> anonymity,
    TimeProvider time)
{
    // A transaction holds at most 100 operations: 99 pending deletes and the batch row.
    private const int BatchSize = 99;

    /// <summary>Flushes the run; false when another instance holds the lease (try again later).</summary>
    public async Task<bool> FlushAsync(string runId, IReadOnlyList<PulseQuestion> questions, bool final, CancellationToken cancellationToken)
    {
        var table = submissions.Table;
        var lease = await TryLeaseAsync(table, runId, cancellationToken);
        if (lease is null)
        {
            return false;
        }

        try
        {
            foreach (var batch in await submissions.ListWithPrefixAsync(runId, PulseSubmissionEntity.BatchPrefix, cancellationToken))
            {
                await ApplyBatchAsync(runId, batch, questions, cancellationToken);
            }

            var pending = await submissions.ListWithPrefixAsync(runId, PulseSubmissionEntity.PendingPrefix, cancellationToken);
            if (pending.Count == 0 || (!final && pending.Count < anonymity.Value.MinimumGroupSize))
            {
                return true;
            }

            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending));
            foreach (var chunk in BalancedChunks(pending))
            {
                var batch = new PulseSubmissionEntity
                {
                    PartitionKey = runId,
                    RowKey = PulseSubmissionEntity.BatchPrefix + Guid.NewGuid().ToString("N"),
                    PendingIds = string.Join(',', chunk.Select(p => p.RowKey)),
                };
                await table.AddEntityAsync(batch, cancellationToken);
                await ApplyBatchAsync(runId, batch, questions, cancellationToken);
            }

            await TouchParticipationAsync(runId, cancellationToken);
            return true;
        }
        finally
        {
            lease.LeaseUntil = time.GetUtcNow();
            await table.TryReplaceAsync(lease, CancellationToken.None);
        }
    }

    /// <summary>Chunks of at most 99, as even as possible (never a last chunk of one).</summary>
    private static IEnumerable<List<PulseSubmissionEntity>> BalancedChunks(List<PulseSubmissionEntity> rows)
    {
        var chunks = (rows.Count + BatchSize - 1) / BatchSize;
        for (var i = 0; i < chunks; i++)
        {
            var start = rows.Count * i / chunks;
            var end = rows.Count * (i + 1) / chunks;
            yield return rows.GetRange(start, end - start);
        }
    }

    private async Task<PulseSubmissionEntity?> TryLeaseAsync(TableClient table, string runId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = await table.FindAsync<PulseSubmissionEntity>(runId, PulseSubmissionEntity.LockRow, cancellationToken);
        if (row is null)
        {
            row = new PulseSubmissionEntity { PartitionKey = runId, RowKey = PulseSubmissionEntity.LockRow, LeaseUntil = now + TimeSpan.FromMinutes(2) };
            return await table.TryAddAsync(row, cancellationToken) ? row : null;
        }

        if (row.LeaseUntil > now)
        {
            return null;
        }

        row.LeaseUntil = now + TimeSpan.FromMinutes(2);
        return await table.TryReplaceAsync(row, cancellationToken) ? row : null;
    }

    private async Task ApplyBatchAsync(string runId, PulseSubmissionEntity batch, IReadOnlyList<PulseQuestion> questions, CancellationToken cancellationToken)
    {
        var batchId = batch.RowKey[PulseSubmissionEntity.BatchPrefix.Length..];
        var ids = (batch.PendingIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var rows = new List<PulseSubmissionEntity>();
        foreach (var id in ids)
        {
            // A batch row exists only until its pending rows are deleted with it (one transaction): they are all here.
            rows.Add(await submissions.Table.FindAsync<PulseSubmissionEntity>(runId, id, cancellationToken)
                ?? throw new InvalidOperationException("A flush batch refers to a pending answer that is gone."));
        }

        var day = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await responses.UpsertAsync(rows.Select(r => new PulseResponseEntity
        {
            PartitionKey = runId,
            RowKey = hasher.Derive(HashPurpose.ResponseId, runId + "/" + r.RowKey),
            Day = day,
            Unit = r.Unit ?? "",
            Level = r.Level,
            Answers = r.Answers ?? "{}",
        }), cancellationToken);

        foreach (var delta in Deltas(rows, questions))
        {
            await aggregates.ApplyAsync(runId, batchId, delta, cancellationToken);
        }

        var deletes = rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, Azure.ETag.All)).Append(new TableTransactionAction(TableTransactionActionType.Delete, batch, Azure.ETag.All));
        await submissions.Table.SubmitTransactionAsync(deletes, cancellationToken);
    }

    private static IEnumerable<AggregateDelta> Deltas(IEnumerable<PulseSubmissionEntity> rows, IReadOnlyList<PulseQuestion> questions)
    {
        var deltas = new Dictionary<(string, string), AggregateDelta>();
        AggregateDelta Get(string cohort, string question)
        {
            if (!deltas.TryGetValue((cohort, question), out var d))
            {
                deltas[(cohort, question)] = d = new AggregateDelta(cohort, question);
            }

            return d;
        }

        foreach (var row in rows)
        {
            var answers = PulseAnswers.Parse(row.Answers);
            foreach (var cohort in CohortKeys.Of(row.Unit ?? "", row.Level))
            {
                Get(cohort, PulseAggregateEntity.RespondentsQuestion).Count++;
                foreach (var question in questions)
                {
                    if (!answers.TryGetValue(question.Id, out var value) || value.Length == 0)
                    {
                        continue;
                    }

                    var delta = Get(cohort, question.Id);
                    delta.Count++;
                    switch (question.Kind)
                    {
                        case QuestionKind.Rating or QuestionKind.Enps:
                            var n = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                            delta.Sum += n;
                            delta.Distribution[value] = delta.Distribution.GetValueOrDefault(value) + 1;
                            break;
                        case QuestionKind.SingleChoice or QuestionKind.MultiChoice:
                            foreach (var index in PulseAnswers.Indexes(value))
                            {
                                var key = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                                delta.Distribution[key] = delta.Distribution.GetValueOrDefault(key) + 1;
                            }

                            break;
                    }
                }
            }
        }

        return deltas.Values;
    }

    private async Task TouchParticipationAsync(string runId, CancellationToken cancellationToken)
    {
        var rows = await submissions.ListWithPrefixAsync(runId, PulseSubmissionEntity.ParticipationPrefix, cancellationToken);
        foreach (var row in rows)
        {
            row.Flushes++;
        }

        await submissions.Table.SubmitInChunksAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace, r, Azure.ETag.All)), cancellationToken);
    }
}
