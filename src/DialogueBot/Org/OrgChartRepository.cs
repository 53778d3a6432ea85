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

        var row = await Table.FindAsync<OrgPersonEntity>(meta.Version, personId, cancellationToken);
        if (row is null || row.AadObjectId is not null)
        {
            return false;
        }

        row.AadObjectId = aadObjectId.ToLowerInvariant();
        if (!await Table.TryReplaceAsync(row, cancellationToken))
        {
            return false;
        }

        meta.Revision++;
        await Table.TryReplaceAsync(meta, cancellationToken);
        return true;
    }

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
        await Table.SubmitInChunksAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, Azure.ETag.All)), cancellationToken);
    }
}

public sealed class OrgImportConflictException() : Exception("Another org chart import finished while this one was running. Review the current chart and import again.");
