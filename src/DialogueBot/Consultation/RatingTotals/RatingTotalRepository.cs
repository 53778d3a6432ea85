using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Consultation.RatingTotals;

/// <summary>
/// The counted ratings of one cohort (everyone, a unit, a level, a cell), written all at once when the window
/// ends: how many rated, and how many gave each score (index 0 is score 1). Shown only as the disclosure rules allow.
/// </summary>
public sealed record RatingTotal(Cohort Cohort, int People, int[] Support, int[] Impact);

public sealed class RatingTotalRepository(AppStorage storage)
{
    public const string TableName = "ConsultationRatingTotals";

    private TableClient Table => storage.Table(TableName);

    /// <summary>Upserts every total (the same values on a rerun), so publication can be resumed after a failure.</summary>
    public Task WriteAsync(string consultationId, IEnumerable<RatingTotal> totals, CancellationToken cancellationToken) =>
        Table.SubmitInChunksAsync(totals.Select(t => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(consultationId, t.Cohort.Key)
        {
            ["People"] = t.People,
            ["Support"] = JsonSerializer.Serialize(t.Support),
            ["Impact"] = JsonSerializer.Serialize(t.Impact),
        })), cancellationToken);

    public async Task<List<RatingTotal>> ListAsync(string consultationId, CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<TableEntity>(consultationId, cancellationToken))
            .Where(row => Cohort.TryParse(row.RowKey, out _))
            .Select(row => new RatingTotal(
                Cohort.Parse(row.RowKey),
                row.GetInt32("People") ?? 0,
                JsonSerializer.Deserialize<int[]>(row.GetString("Support") ?? "[]") ?? [],
                JsonSerializer.Deserialize<int[]>(row.GetString("Impact") ?? "[]") ?? []))
            .ToList();
}
