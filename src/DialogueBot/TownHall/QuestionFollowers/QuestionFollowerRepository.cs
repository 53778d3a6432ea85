using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.TownHall.QuestionFollowers;

public sealed class QuestionFollowerRepository(AppStorage storage)
{
    public const string TableName = "QuestionFollowers";

    private TableClient Table => storage.Table(TableName);

    /// <summary>Idempotent: following twice is following once.</summary>
    public async Task FollowAsync(string townHallId, string questionId, string followerHash, string personId, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new QuestionFollowerEntity { PartitionKey = townHallId, RowKey = QuestionFollowerEntity.KeyOf(questionId, followerHash), PersonId = personId }, TableUpdateMode.Replace, cancellationToken);

    public Task<bool> UnfollowAsync(string townHallId, string questionId, string followerHash, CancellationToken cancellationToken) =>
        Table.TryDeleteAsync(new QuestionFollowerEntity { PartitionKey = townHallId, RowKey = QuestionFollowerEntity.KeyOf(questionId, followerHash), ETag = ETag.All }, cancellationToken);

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

    public Task<bool> RemoveAsync(QuestionFollowerEntity row, CancellationToken cancellationToken)
    {
        row.ETag = ETag.All;
        return Table.TryDeleteAsync(row, cancellationToken);
    }
}
