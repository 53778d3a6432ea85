using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.TownHall.QuestionFollowers;

public sealed class QuestionFollowerRepository(AppStorage storage)
{
    public const string TableName = "QuestionFollowers";

    private TableClient Table => storage.Table(TableName);

    /// <summary>The follower pseudonym of an AAD id in one town hall (row key suffix).</summary>
    public static string FollowerHash(ScopeKey key, string aadObjectId) => key.Hash("follow", aadObjectId);

    /// <summary>Idempotent: following twice is following once. The recipient is sealed to this very row.</summary>
    public async Task FollowAsync(ScopeKey key, string townHallId, string questionId, string followerHash, string personId, CancellationToken cancellationToken)
    {
        var rowKey = QuestionFollowerEntity.KeyOf(questionId, followerHash);
        await Table.UpsertEntityAsync(new QuestionFollowerEntity { PartitionKey = townHallId, RowKey = rowKey, Recipient = key.Seal(personId, rowKey) }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The org-chart id a row was sealed for, or null when the key does not open it.</summary>
    public static string? RecipientOf(ScopeKey key, QuestionFollowerEntity row) => key.Open(row.Recipient, row.RowKey);

    public Task<bool> UnfollowAsync(string townHallId, string questionId, string followerHash, CancellationToken cancellationToken) =>
        Table.TryDeleteAsync(new QuestionFollowerEntity { PartitionKey = townHallId, RowKey = QuestionFollowerEntity.KeyOf(questionId, followerHash), ETag = ETag.All }, cancellationToken);

    public async Task<bool> IsFollowingAsync(string townHallId, string questionId, string followerHash, CancellationToken cancellationToken) =>
        await FindAsync(townHallId, QuestionFollowerEntity.KeyOf(questionId, followerHash), cancellationToken) is not null;

    public Task<QuestionFollowerEntity?> FindAsync(string townHallId, string rowKey, CancellationToken cancellationToken) =>
        Table.FindAsync<QuestionFollowerEntity>(townHallId, rowKey, cancellationToken);

    public async Task<List<QuestionFollowerEntity>> ListAsync(string townHallId, string questionId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {townHallId} and RowKey ge {questionId + "_"} and RowKey lt {questionId + "`"}");
        var rows = new List<QuestionFollowerEntity>();
        await foreach (var row in Table.QueryAsync<QuestionFollowerEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public Task<List<QuestionFollowerEntity>> ListHallAsync(string townHallId, CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<QuestionFollowerEntity>(townHallId, cancellationToken);

    public Task<bool> RemoveAsync(QuestionFollowerEntity row, CancellationToken cancellationToken)
    {
        row.ETag = ETag.All;
        return Table.TryDeleteAsync(row, cancellationToken);
    }

    /// <summary>Deletes every follower row of a town hall (when it is finished).</summary>
    public async Task DeleteHallAsync(string townHallId, CancellationToken cancellationToken)
    {
        var rows = await ListHallAsync(townHallId, cancellationToken);
        await Table.DeleteAllAsync(rows, cancellationToken);
    }
}
