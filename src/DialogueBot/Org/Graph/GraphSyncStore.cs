using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Org.Graph;

/// <summary>
/// What the Graph sync keeps between runs. The users of a sync are a versioned partition (like the org
/// chart); the state row points at the applied one and holds its deltaLink, and is only moved (ETag) after
/// the chart it describes is in force, so a run that fails anywhere leaves both the chart and the point to
/// read changes from as they were. A proposal waiting for HR is a second pointer, to its own partition.
/// </summary>
public sealed class GraphSyncStore(AppStorage storage, IdentityHasher hasher, TimeProvider time)
{
    public const string TableName = "GraphDirectory";
    private const string StatePartition = "state";
    private const string ErasedPartition = "erased";

    private TableClient Table => storage.Table(TableName);

    public Task<GraphSyncStateEntity?> GetStateAsync(CancellationToken cancellationToken) =>
        Table.FindAsync<GraphSyncStateEntity>(StatePartition, GraphSyncStateEntity.AppliedRow, cancellationToken);

    public Task<GraphSyncStateEntity?> GetProposalAsync(CancellationToken cancellationToken) =>
        Table.FindAsync<GraphSyncStateEntity>(StatePartition, GraphSyncStateEntity.ProposalRow, cancellationToken);

    public async Task<Dictionary<string, GraphUser>> LoadUsersAsync(string? version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(version))
        {
            return new Dictionary<string, GraphUser>(StringComparer.OrdinalIgnoreCase);
        }

        var rows = await Table.ListPartitionAsync<GraphUserEntity>(version, cancellationToken);
        return rows.Select(r => r.ToUser()).ToDictionary(u => u.Id, StringComparer.OrdinalIgnoreCase);
    }

    public async Task<GraphUser?> FindUserAsync(string version, string id, CancellationToken cancellationToken) =>
        (await Table.FindAsync<GraphUserEntity>(version, id.ToLowerInvariant(), cancellationToken))?.ToUser();

    /// <summary>Writes the users as a new partition nobody points at yet; returns its version.</summary>
    public async Task<string> WriteUsersAsync(IEnumerable<GraphUser> users, CancellationToken cancellationToken)
    {
        var version = $"u{time.GetUtcNow():yyyyMMddHHmmssfff}{Guid.NewGuid():N}"[..32];
        await Table.SubmitInChunksAsync(users.Select(u => new TableTransactionAction(TableTransactionActionType.UpsertReplace, GraphUserEntity.From(version, u))), cancellationToken);
        return version;
    }

    /// <summary>Points the state at <paramref name="next"/>; false when another sync moved it since <paramref name="expected"/> was read.</summary>
    public async Task<bool> TryCommitAsync(GraphSyncStateEntity? expected, GraphSyncStateEntity next, CancellationToken cancellationToken)
    {
        next.PartitionKey = StatePartition;
        next.RowKey = GraphSyncStateEntity.AppliedRow;
        if (expected is null)
        {
            return await Table.TryAddAsync(next, cancellationToken);
        }

        next.ETag = expected.ETag;
        return await Table.TryReplaceAsync(next, cancellationToken);
    }

    /// <summary>Replaces any waiting proposal by this one (the older one's users are deleted).</summary>
    public async Task SaveProposalAsync(GraphSyncStateEntity proposal, CancellationToken cancellationToken)
    {
        var older = await GetProposalAsync(cancellationToken);
        proposal.PartitionKey = StatePartition;
        proposal.RowKey = GraphSyncStateEntity.ProposalRow;
        await Table.UpsertEntityAsync(proposal, TableUpdateMode.Replace, cancellationToken);
        if (older is not null && older.UsersVersion != proposal.UsersVersion)
        {
            await DeleteUsersAsync(older.UsersVersion, cancellationToken);
        }
    }

    /// <summary>Takes the proposal away if it is still this one (by ETag); false when it changed or is gone.</summary>
    public async Task<bool> TryRemoveProposalAsync(GraphSyncStateEntity proposal, bool deleteUsers, CancellationToken cancellationToken)
    {
        if (!await Table.TryDeleteAsync(proposal, cancellationToken))
        {
            return false;
        }

        if (deleteUsers)
        {
            await DeleteUsersAsync(proposal.UsersVersion, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// The key an erased person is kept under: a keyed hash of their Entra id, so that no row (theirs, or a
    /// report's manager id) holds the id itself, while later syncs still recognise them.
    /// </summary>
    public string ErasedKeyOf(string aadObjectId) => "x-" + hasher.Hash(HashPurpose.WorkKey, "graph.erased", aadObjectId.ToLowerInvariant());

    /// <summary>
    /// HR erased this person. Their row in the applied users becomes one under <see cref="ErasedKeyOf"/> that
    /// keeps only their place in the tree (as <paramref name="placeholderId"/>); their reports' manager ids
    /// follow; a waiting proposal (which may list their name) is dropped, the next sync proposes again.
    /// </summary>
    public async Task<int> EraseUserAsync(string aadObjectId, string placeholderId, CancellationToken cancellationToken)
    {
        var id = aadObjectId.ToLowerInvariant();
        var key = ErasedKeyOf(id);
        await Table.UpsertEntityAsync(new TableEntity(ErasedPartition, key) { [nameof(GraphUser.PlaceholderId)] = placeholderId }, TableUpdateMode.Replace, cancellationToken);
        var changed = 0;
        if (await GetProposalAsync(cancellationToken) is { } proposal && await TryRemoveProposalAsync(proposal, deleteUsers: true, cancellationToken))
        {
            changed++;
        }

        if (await GetStateAsync(cancellationToken) is not { } state)
        {
            return changed;
        }

        var rows = await Table.ListPartitionAsync<GraphUserEntity>(state.UsersVersion, cancellationToken);
        var actions = new List<TableTransactionAction>();
        foreach (var row in rows)
        {
            if (row.RowKey == id)
            {
                // The new row first, the old one last: a crash in between leaves the person as they were, and the erase runs again.
                actions.Insert(0, new TableTransactionAction(TableTransactionActionType.UpsertReplace, GraphUserEntity.From(state.UsersVersion, row.ToUser().Erased(key, placeholderId))));
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag));
                changed++;
            }
            else if (string.Equals(row.ManagerId, id, StringComparison.OrdinalIgnoreCase))
            {
                row.ManagerId = key;
                actions.Insert(0, new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
            }
        }

        await Table.SubmitInChunksAsync(actions, cancellationToken);
        return changed;
    }

    /// <summary>Erased people: <see cref="ErasedKeyOf"/> → the id of the placeholder in their place.</summary>
    public async Task<Dictionary<string, string>> ErasedAsync(CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<TableEntity>(ErasedPartition, cancellationToken))
            .ToDictionary(r => r.RowKey, r => r.GetString(nameof(GraphUser.PlaceholderId)) ?? "", StringComparer.Ordinal);

    public async Task DeleteUsersAsync(string version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(version))
        {
            return;
        }

        var rows = await Table.ListPartitionAsync<GraphUserEntity>(version, cancellationToken);
        await Table.DeleteAllAsync(rows, cancellationToken);
    }
}

/// <summary>The applied sync (row "applied") or the one waiting for HR (row "proposal").</summary>
public sealed class GraphSyncStateEntity : ITableEntity
{
    public const string AppliedRow = "applied";
    public const string ProposalRow = "proposal";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The partition holding this sync's users.</summary>
    public string UsersVersion { get; set; } = "";
    /// <summary>Where the next delta query starts. Graph's own token: it names nobody.</summary>
    public string DeltaLink { get; set; } = "";
    public DateTimeOffset At { get; set; }

    // Proposal only.
    public string ProposalId { get; set; } = "";
    /// <summary>The applied users the proposal was computed from: once they changed, it is out of date.</summary>
    public string BaseUsersVersion { get; set; } = "";
    public int Joined { get; set; }
    public int Left { get; set; }
    public int Moved { get; set; }
    public int Changed { get; set; }
    public int People { get; set; }
    /// <summary>A few names per kind of change, for the review card (<see cref="GraphProposalExamples"/>).</summary>
    public string Examples { get; set; } = "";
}

public sealed class GraphUserEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? DisplayName { get; set; }
    public string? Mail { get; set; }
    public string? UserPrincipalName { get; set; }
    public string? Department { get; set; }
    public string? JobTitle { get; set; }
    public bool AccountEnabled { get; set; }
    public string? UserType { get; set; }
    public string? ManagerId { get; set; }
    public string? OrgUnitValue { get; set; }
    public string? LevelValue { get; set; }
    public bool IsExecutive { get; set; }
    public bool IsHr { get; set; }
    public string? PlaceholderId { get; set; }

    public static GraphUserEntity From(string version, GraphUser u) => new()
    {
        PartitionKey = version,
        RowKey = u.Id.StartsWith("x-", StringComparison.Ordinal) ? u.Id : u.Id.ToLowerInvariant(),
        DisplayName = u.DisplayName,
        Mail = u.Mail,
        UserPrincipalName = u.UserPrincipalName,
        Department = u.Department,
        JobTitle = u.JobTitle,
        AccountEnabled = u.AccountEnabled,
        UserType = u.UserType,
        ManagerId = u.ManagerId is { } m && !m.StartsWith("x-", StringComparison.Ordinal) ? m.ToLowerInvariant() : u.ManagerId,
        OrgUnitValue = u.OrgUnitValue,
        LevelValue = u.LevelValue,
        IsExecutive = u.IsExecutive,
        IsHr = u.IsHr,
        PlaceholderId = u.PlaceholderId,
    };

    public GraphUser ToUser() => new()
    {
        Id = RowKey,
        DisplayName = DisplayName,
        Mail = Mail,
        UserPrincipalName = UserPrincipalName,
        Department = Department,
        JobTitle = JobTitle,
        AccountEnabled = AccountEnabled,
        UserType = UserType,
        ManagerId = ManagerId,
        OrgUnitValue = OrgUnitValue,
        LevelValue = LevelValue,
        IsExecutive = IsExecutive,
        IsHr = IsHr,
        PlaceholderId = PlaceholderId,
    };
}
