using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Consultation.ConcernVotes;

/// <summary>
/// One row per (item, voter pseudonym). The pseudonym is keyed with the consultation's own key, so nobody
/// without it can test a person against a vote, and nobody at all once it is destroyed. The row is the vote:
/// a count is always the number of distinct rows, which is what makes a merge count a person once.
/// </summary>
public sealed class ConcernVoteRepository(AppStorage storage)
{
    public const string TableName = "ConsultationVotes";

    private TableClient Table => storage.Table(TableName);

    public static string VoterHash(ScopeKey key, string aadObjectId) => key.Hash("consultation-vote", aadObjectId);

    public Task<bool> TryAddAsync(string consultationId, string concernId, string voterHash, CancellationToken cancellationToken) =>
        Table.TryAddAsync(new ConcernVoteEntity { PartitionKey = consultationId, RowKey = ConcernVoteEntity.KeyOf(concernId, voterHash) }, cancellationToken);

    public Task<bool> TryRemoveAsync(string consultationId, string concernId, string voterHash, CancellationToken cancellationToken) =>
        Table.TryDeleteAsync(new ConcernVoteEntity { PartitionKey = consultationId, RowKey = ConcernVoteEntity.KeyOf(concernId, voterHash), ETag = ETag.All }, cancellationToken);

    /// <summary>Every voter pseudonym of one item.</summary>
    public async Task<List<string>> VotersAsync(string consultationId, string concernId, CancellationToken cancellationToken) =>
        (await Table.ListWithPrefixAsync<ConcernVoteEntity>(consultationId, concernId + "_", select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            .Select(v => v.VoterHash).ToList();

    /// <summary>The items this voter voted for (for the "voted" marks on their board).</summary>
    public async Task<HashSet<string>> VotedByAsync(string consultationId, string voterHash, CancellationToken cancellationToken) =>
        (await Table.ListPartitionAsync<ConcernVoteEntity>(consultationId, cancellationToken)).Where(v => v.VoterHash == voterHash).Select(v => v.ConcernId).ToHashSet(StringComparer.Ordinal);

    /// <summary>Deletes every vote row of a consultation (once decided; the counts stay on the items).</summary>
    public async Task DeleteAllAsync(string consultationId, CancellationToken cancellationToken) =>
        await Table.DeleteAllAsync(await Table.ListPartitionAsync<ConcernVoteEntity>(consultationId, cancellationToken), cancellationToken);
}

public sealed class ConcernVoteEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public string ConcernId => RowKey[..RowKey.IndexOf('_', StringComparison.Ordinal)];

    [IgnoreDataMember]
    public string VoterHash => RowKey[(RowKey.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public static string KeyOf(string concernId, string voterHash) => concernId + "_" + voterHash;
}
