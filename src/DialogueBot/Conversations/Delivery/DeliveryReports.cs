using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;

namespace DialogueBot.Conversations.Delivery;

/// <summary>What a delivery report may say about a fan-out (docs/anonymity.md#delivery-reports).</summary>
public enum ReportDetail
{
    /// <summary>Delivered, installed by us, blocked, left, not installed, pending; names of the unreachable (a town-hall announcement or summary, a skip-level round).</summary>
    Named,
    /// <summary>The same counts, no names (a pulse run: whoever could not be reached surely did not answer).</summary>
    CountsOnly,
    /// <summary>Only handled and pending: the fan-out's own outcome depends on answering or following (a reminder, an answer card).</summary>
    HandledOnly,
}

/// <summary>The outcome stored for one work item of a fan-out; "handled" is all an answer-related fan-out stores.</summary>
public enum DeliveryOutcome
{
    Delivered,
    InstalledByUs,
    Blocked,
    Left,
    NotInstalled,
    Handled,
}

/// <summary>
/// Delivery reports of fan-outs: partition = the fan-out ("pulse.{run}", "townhall.{id}.announce", …), one
/// row with the audience size, and one row per finished work item whose key is the item's opaque ledger
/// digest (<see cref="WorkSeal.LedgerKey"/>) and whose only field is the outcome. No row names a person;
/// an item is written once however often it runs (upsert), so the counts are exact.
/// </summary>
public sealed class DeliveryReports(AppStorage storage, WorkSeal seal, ConversationReferenceRepository references, ILogger<DeliveryReports> logger)
{
    public const string TableName = "DeliveryReports";
    private const string AudienceRow = "audience";
    private const string CountsRow = "counts";

    private TableClient Table => storage.Table(TableName);

    /// <summary>A fan-out started for <paramref name="audience"/> people (a repeated fan-out writes the same).</summary>
    public Task StartAsync(string fanOut, int audience, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new DeliveryRowEntity { PartitionKey = fanOut, RowKey = AudienceRow, Audience = audience }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Records how one item ended; a throttled item is still pending and writes nothing. Never throws: it runs
    /// after the card is in the person's chat, and a failure here must not become a retry that sends it again;
    /// a lost row only leaves the item counted as pending.
    /// </summary>
    public async Task RecordAsync(string fanOut, ReportDetail detail, WorkItem item, ProactiveResult result, CancellationToken cancellationToken)
    {
        if (OutcomeOf(detail, result) is not { } outcome)
        {
            return;
        }

        try
        {
            var row = new DeliveryRowEntity { PartitionKey = fanOut, RowKey = seal.LedgerKey(item.Kind, item.Key), Outcome = outcome.ToString() };
            await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Could not record a delivery outcome for the report; it stays pending there: {Message}", ex.Message);
        }
    }

    public static DeliveryOutcome? OutcomeOf(ReportDetail detail, ProactiveResult result)
    {
        if (result.Outcome == ProactiveOutcome.Throttled)
        {
            return null;
        }

        if (detail == ReportDetail.HandledOnly)
        {
            return DeliveryOutcome.Handled;
        }

        return result.Outcome switch
        {
            ProactiveOutcome.Sent => result.InstalledByUs ? DeliveryOutcome.InstalledByUs : DeliveryOutcome.Delivered,
            ProactiveOutcome.Unreachable => result.Reason?.IsLeft() == true ? DeliveryOutcome.Left : DeliveryOutcome.Blocked,
            ProactiveOutcome.Skipped => DeliveryOutcome.Delivered,
            _ => DeliveryOutcome.NotInstalled,
        };
    }

    /// <summary>
    /// The report. <paramref name="audience"/> (the people the fan-out is for) is needed only for a named
    /// report: its unreachable people are read from their conversation references at this moment.
    /// </summary>
    /// <param name="expected">How many the fan-out is for, when it did not say so itself (skip-level prompts are scheduled one by one).</param>
    public async Task<DeliveryReport> ReadAsync(string fanOut, ReportDetail detail, IEnumerable<OrgPerson>? audience, CancellationToken cancellationToken, int? expected = null)
    {
        var rows = await Table.ListPartitionAsync<DeliveryRowEntity>(fanOut, cancellationToken);
        var total = rows.FirstOrDefault(r => r.RowKey == AudienceRow)?.Audience ?? expected ?? 0;
        var counts = CountsOf(rows);
        int Count(DeliveryOutcome o) => counts.GetValueOrDefault(o);
        var finished = counts.Values.Sum();
        var pending = Math.Max(0, total - finished);
        if (detail == ReportDetail.HandledOnly)
        {
            return new DeliveryReport(fanOut, Math.Max(total, finished), finished, pending, null, []);
        }

        var breakdown = new DeliveryBreakdown(Count(DeliveryOutcome.Delivered) + Count(DeliveryOutcome.InstalledByUs), Count(DeliveryOutcome.InstalledByUs), Count(DeliveryOutcome.Blocked), Count(DeliveryOutcome.Left), Count(DeliveryOutcome.NotInstalled));
        var names = detail == ReportDetail.Named && audience is not null ? await UnreachableAsync(audience, cancellationToken) : [];
        return new DeliveryReport(fanOut, Math.Max(total, finished), finished, pending, breakdown, names);
    }

    /// <summary>
    /// Replaces the per-item rows by one row of counts, once the fan-out's scope is closed (a published pulse
    /// run, a finished town hall): afterwards no stored key is a digest that names a person's work item, as the
    /// work ledger's rows of that scope are purged too. Idempotent: a repeat finds only the counts row.
    /// </summary>
    public async Task CollapseAsync(string fanOut, CancellationToken cancellationToken)
    {
        var rows = await Table.ListPartitionAsync<DeliveryRowEntity>(fanOut, cancellationToken);
        var items = rows.Where(r => r.RowKey is not (AudienceRow or CountsRow)).ToList();
        if (items.Count == 0)
        {
            return;
        }

        var counts = CountsOf(rows);
        await Table.UpsertEntityAsync(new DeliveryRowEntity { PartitionKey = fanOut, RowKey = CountsRow, Counts = System.Text.Json.JsonSerializer.Serialize(counts.ToDictionary(c => c.Key.ToString(), c => c.Value)) }, TableUpdateMode.Replace, cancellationToken);
        await Table.DeleteAllAsync(items, cancellationToken);
    }

    private static Dictionary<DeliveryOutcome, int> CountsOf(IEnumerable<DeliveryRowEntity> rows)
    {
        var counts = new Dictionary<DeliveryOutcome, int>();
        foreach (var row in rows)
        {
            if (row.RowKey == CountsRow && row.Counts is not null)
            {
                foreach (var (name, count) in System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(row.Counts) ?? [])
                {
                    if (Enum.TryParse<DeliveryOutcome>(name, out var o))
                    {
                        counts[o] = counts.GetValueOrDefault(o) + count;
                    }
                }
            }
            else if (row.RowKey != AudienceRow && row.Outcome is not null)
            {
                var o = Enum.TryParse<DeliveryOutcome>(row.Outcome, out var parsed) ? parsed : DeliveryOutcome.Handled;
                counts[o] = counts.GetValueOrDefault(o) + 1;
            }
        }

        return counts;
    }

    private async Task<IReadOnlyList<UnreachablePerson>> UnreachableAsync(IEnumerable<OrgPerson> audience, CancellationToken cancellationToken)
    {
        var unreachable = (await references.ListInstalledAsync(cancellationToken)).Where(r => r.Unreachable is not null).ToDictionary(r => r.RowKey, r => r.Unreachable!.Value, StringComparer.OrdinalIgnoreCase);
        return audience.Where(p => p.AadObjectId is not null && unreachable.ContainsKey(p.AadObjectId))
            .Select(p => new UnreachablePerson(p.Id, p.Name, unreachable[p.AadObjectId!].IsLeft() ? "left" : "blocked", unreachable[p.AadObjectId!]))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>
/// A fan-out's delivery report: how many it is for, how many items finished and how many are pending, and —
/// unless the fan-out is answer-related — how they finished, with the names of the unreachable when allowed.
/// </summary>
public sealed record DeliveryReport(string FanOut, int Audience, int Handled, int Pending, DeliveryBreakdown? Outcomes, IReadOnlyList<UnreachablePerson> Unreachable)
{
    /// <summary>One line for an owner's card.</summary>
    public string Summary => Outcomes is { } o
        ? $"Delivered {o.Delivered} of {Audience} ({o.InstalledByUs} installed by the bot), {Pending} pending, {o.Blocked + o.Left + o.NotInstalled} unreachable ({o.Blocked} blocked, {o.Left} left, {o.NotInstalled} not installed)."
        : $"Handled {Handled} of {Audience}, {Pending} pending.";
}

public sealed record DeliveryBreakdown(int Delivered, int InstalledByUs, int Blocked, int Left, int NotInstalled);

public sealed record UnreachablePerson(string PersonId, string Name, string Status, UnreachableReason Reason);

public sealed class DeliveryRowEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int? Audience { get; set; }
    public string? Outcome { get; set; }
    /// <summary>The counts row of a collapsed report: outcome name → count, as JSON.</summary>
    public string? Counts { get; set; }
}
