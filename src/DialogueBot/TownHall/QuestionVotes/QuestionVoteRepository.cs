using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.TownHall.QuestionVotes;

public sealed class QuestionVoteRepository(AppStorage storage)
{
    public const string TableName = "QuestionVotes";

    private TableClient Table => storage.Table(TableName);

    /// <summary>The voter pseudonym of an AAD id in one town hall (row key suffix).</summary>
    public static string VoterHash(ScopeKey key, string aadObjectId) => key.Hash("vote", aadObjectId);

    /// <summary>True when this added the vote, false when the person had voted already.</summary>
    public Task<bool> TryAddAsync(string townHallId, string questionId, string voterHash, CancellationToken cancellationToken) =>
        Table.TryAddAsync(new QuestionVoteEntity { PartitionKey = townHallId, RowKey = QuestionVoteEntity.KeyOf(questionId, voterHash) }, cancellationToken);

    /// <summary>True when this removed the vote, false when there was none.</summary>
    public Task<bool> TryRemoveAsync(string townHallId, string questionId, string voterHash, CancellationToken cancellationToken) =>
        Table.TryDeleteAsync(new QuestionVoteEntity { PartitionKey = townHallId, RowKey = QuestionVoteEntity.KeyOf(questionId, voterHash), ETag = ETag.All }, cancellationToken);

    /// <summary>The votes of one question (a row-key range within the town hall's partition).</summary>
    public Task<List<QuestionVoteEntity>> ListAsync(string townHallId, string questionId, CancellationToken cancellationToken) =>
        Table.ListWithPrefixAsync<QuestionVoteEntity>(townHallId, questionId + "_", select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);

    /// <summary>Every question id the voter voted for in this town hall (for "voted" marks on the board).</summary>
    public async Task<HashSet<string>> VotedQuestionsAsync(string townHallId, string voterHash, CancellationToken cancellationToken)
    {
        var voted = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<QuestionVoteEntity>(v => v.PartitionKey == townHallId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (row.VoterHash == voterHash)
            {
                voted.Add(row.QuestionId);
            }
        }

        return voted;
    }

    /// <summary>Deletes every vote row of a town hall (when it is finished; the counts stay on the questions).</summary>
    public async Task DeleteHallAsync(string townHallId, CancellationToken cancellationToken)
    {
        var rows = await Table.ListPartitionAsync<QuestionVoteEntity>(townHallId, cancellationToken);
        await Table.DeleteAllAsync(rows, cancellationToken);
    }
}
