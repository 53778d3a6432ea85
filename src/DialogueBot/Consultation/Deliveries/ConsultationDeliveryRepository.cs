using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Org;

namespace DialogueBot.Consultation.Deliveries;

/// <summary>
/// "The brief reached this manager", keyed with the master secret (as pulse deliveries are), so the outcome can
/// go to exactly the people who were consulted, and the time their outcome card was delivered (the timeline
/// shows how many had it before the announcement). This is the audience, never who said what.
/// </summary>
public sealed class ConsultationDeliveryRepository(AppStorage storage, IdentityHasher hasher)
{
    public const string TableName = "ConsultationDeliveries";

    private TableClient Table => storage.Table(TableName);

    public string KeyOf(string consultationId, OrgPerson person) => KeyOf(consultationId, person.Id);

    /// <summary>By org-chart id alone: an erasure repeated after the person left the chart still finds their rows.</summary>
    public string KeyOf(string consultationId, string personId) => hasher.Hash(HashPurpose.ConsultationDelivery, consultationId, personId);

    /// <summary>Forgets that the brief reached this person (HR's erasure): they get no outcome card and count no more.</summary>
    public async Task<bool> ForgetAsync(string consultationId, string personId, CancellationToken cancellationToken) =>
        await Table.FindAsync<TableEntity>(consultationId, KeyOf(consultationId, personId), cancellationToken) is { } row && await Table.TryDeleteAsync(row, cancellationToken);

    public async Task<bool> WasBriefedAsync(string consultationId, OrgPerson person, CancellationToken cancellationToken) =>
        await Table.FindAsync<TableEntity>(consultationId, KeyOf(consultationId, person), cancellationToken) is not null;

    public Task RecordBriefedAsync(string consultationId, OrgPerson person, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(consultationId, KeyOf(consultationId, person)), TableUpdateMode.Merge, cancellationToken);

    public Task RecordOutcomeAsync(string consultationId, OrgPerson person, DateTimeOffset at, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(consultationId, KeyOf(consultationId, person)) { ["OutcomeAt"] = at }, TableUpdateMode.Merge, cancellationToken);

    /// <summary>The briefed people among <paramref name="people"/> (matched by their keyed id).</summary>
    public async Task<IReadOnlyList<OrgPerson>> BriefedAmongAsync(string consultationId, IEnumerable<OrgPerson> people, CancellationToken cancellationToken)
    {
        var keys = (await Table.ListPartitionAsync<TableEntity>(consultationId, cancellationToken)).Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        return people.Where(p => keys.Contains(KeyOf(consultationId, p))).ToList();
    }

    /// <summary>How many were briefed, and the times their outcome cards were delivered.</summary>
    public async Task<(int Briefed, IReadOnlyList<DateTimeOffset> OutcomeTimes)> CountAsync(string consultationId, CancellationToken cancellationToken)
    {
        var rows = await Table.ListPartitionAsync<TableEntity>(consultationId, cancellationToken);
        return (rows.Count, rows.Select(r => r.GetDateTimeOffset("OutcomeAt")).OfType<DateTimeOffset>().ToList());
    }
}
