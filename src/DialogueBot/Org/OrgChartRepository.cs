using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Org;

/// <summary>Stores org charts: each import is a new partition; the meta row says which one is active.</summary>
public sealed class OrgChartRepository(AppStorage storage, TimeProvider time)
{
    public const string TableName = "OrgPeople";

    private TableClient Table => storage.Table(TableName);

    public Task<OrgMetaEntity?> GetMetaAsync(CancellationToken cancellationToken) =>
        Table.FindAsync<OrgMetaEntity>(OrgMetaEntity.Partition, OrgMetaEntity.ActiveRow, cancellationToken);

    public async Task<IReadOnlyList<OrgPerson>> LoadAsync(string version, CancellationToken cancellationToken)
    {
        var rows = await Table.ListPartitionAsync<OrgPersonEntity>(version, cancellationToken);
        return rows.Select(r => r.ToPerson()).ToList();
    }

    /// <summary>
    /// Writes a new version and makes it active. Teams identities linked to the previous version by email are
    /// carried over. Fails with <see cref="OrgImportConflictException"/> if another import became active meanwhile.
    /// </summary>
    public async Task<string> ImportAsync(IReadOnlyList<OrgPerson> people, CancellationToken cancellationToken)
    {
        var meta = await GetMetaAsync(cancellationToken);
        var previous = meta is null ? [] : await LoadAsync(meta.Version, cancellationToken);
        var carried = CarryOverLinks(people, previous);

        var now = time.GetUtcNow();
        var version = $"v{now:yyyyMMddHHmmssfff}{Guid.NewGuid():N}"[..32];
        await Table.SubmitInChunksAsync(carried.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, OrgPersonEntity.From(version, p))), cancellationToken);

        var next = new OrgMetaEntity { Version = version, Revision = 0, ImportedAt = now, People = carried.Count };
        // One try, on purpose: the flip is a claim, not a read-change-write. Losing it means another import
        // became active meanwhile, and re-applying this one over it would silently discard theirs.
        bool flipped;
        if (meta is null)
        {
            flipped = await Table.TryAddAsync(next, cancellationToken);
        }
        else
        {
            next.ETag = meta.ETag;
            flipped = await Table.TryReplaceAsync(next, cancellationToken);
        }

        if (!flipped)
        {
            await DeletePartitionAsync(version, cancellationToken);
            throw new OrgImportConflictException();
        }

        if (meta is not null)
        {
            await DeletePartitionAsync(meta.Version, cancellationToken);
        }

        return version;
    }

    /// <summary>Records the Teams identity of a person first known only by email. False if the org changed meanwhile.</summary>
    public async Task<bool> LinkAadObjectIdAsync(string personId, string aadObjectId, CancellationToken cancellationToken)
    {
        var meta = await GetMetaAsync(cancellationToken);
        if (meta is null)
        {
            return false;
        }

        var linked = await Table.UpdateAsync<OrgPersonEntity>(meta.Version, personId, row =>
        {
            if (row.AadObjectId is not null)
            {
                return false; // linked already, by a concurrent install of the same person or by an import
            }

            row.AadObjectId = aadObjectId.ToLowerInvariant();
            return true;
        }, cancellationToken);
        if (!linked.Written)
        {
            return false;
        }

        await BumpRevisionAsync(meta.Version, cancellationToken);
        return true;
    }

    /// <summary>
    /// Erasure: replaces a person's row in the active chart by a placeholder that names nobody (a new random
    /// id, the given name, no AAD id, no email, no roles, on leave so nothing is sent to it), keeping their
    /// place in the tree: their manager, unit and level stay, and their direct reports now report to the
    /// placeholder, so every manager chain stays whole. Atomic for up to 98 direct reports (one transaction).
    /// Returns false when the person is not in the active chart.
    /// </summary>
    public async Task<bool> ReplaceWithPlaceholderAsync(string personId, string placeholderId, string placeholderName, CancellationToken cancellationToken)
    {
        var meta = await GetMetaAsync(cancellationToken);
        var row = meta is null ? null : await Table.FindAsync<OrgPersonEntity>(meta.Version, personId, cancellationToken);
        if (meta is null || row is null)
        {
            return false;
        }

        var placeholder = new OrgPersonEntity
        {
            PartitionKey = meta.Version,
            RowKey = placeholderId,
            Name = placeholderName,
            ManagerId = row.ManagerId,
            OrgUnit = row.OrgUnit,
            TimeZone = row.TimeZone,
            Status = nameof(PersonStatus.Leave),
            Level = row.Level,
        };
        var reports = (await Table.ListPartitionAsync<OrgPersonEntity>(meta.Version, cancellationToken))
            .Where(p => string.Equals(p.ManagerId, row.RowKey, StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var report in reports)
        {
            report.ManagerId = placeholderId;
        }

        // The placeholder and the reparented reports first, the person's row last: a crash in between leaves
        // the person in place, and the erase can simply run again.
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, placeholder) };
        actions.AddRange(reports.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace, r, r.ETag)));
        actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag));
        await Table.SubmitInChunksAsync(actions, cancellationToken);

        await BumpRevisionAsync(meta.Version, cancellationToken);
        return true;
    }

    /// <summary>
    /// Tells every instance's <see cref="OrgDirectory"/> that the chart's version changed in place. Only
    /// while that version is still the active one: after a newer import, the bump has nothing to say.
    /// </summary>
    private Task<TableUpdate<OrgMetaEntity>> BumpRevisionAsync(string version, CancellationToken cancellationToken) =>
        Table.UpdateAsync<OrgMetaEntity>(OrgMetaEntity.Partition, OrgMetaEntity.ActiveRow, meta =>
        {
            if (meta.Version != version)
            {
                return false;
            }

            meta.Revision++;
            return true;
        }, cancellationToken);

    private static List<OrgPerson> CarryOverLinks(IReadOnlyList<OrgPerson> people, IReadOnlyList<OrgPerson> previous)
    {
        var linkedByEmail = previous.Where(p => p.Email is not null && p.AadObjectId is not null)
            .ToDictionary(p => p.Email!, p => p.AadObjectId!, StringComparer.OrdinalIgnoreCase);
        var taken = people.Where(p => p.AadObjectId is not null).Select(p => p.AadObjectId!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return people.Select(p =>
            p.AadObjectId is null && p.Email is not null && linkedByEmail.TryGetValue(p.Email, out var aad) && taken.Add(aad)
                ? p with { AadObjectId = aad }
                : p).ToList();
    }

    private async Task DeletePartitionAsync(string version, CancellationToken cancellationToken)
    {
        var rows = await Table.ListPartitionAsync<OrgPersonEntity>(version, cancellationToken);
        await Table.DeleteAllAsync(rows, cancellationToken);
    }
}

public sealed class OrgImportConflictException() : Exception("Another org chart import finished while this one was running. Review the current chart and import again.");
