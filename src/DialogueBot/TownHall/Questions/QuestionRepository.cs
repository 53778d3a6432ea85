using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.TownHall.Questions;

public sealed class QuestionRepository(AppStorage storage)
{
    public const string TableName = "Questions";

    private TableClient Table => storage.Table(TableName);

    /// <summary>False when a question with that number exists already (numbers come from the town hall, so only a repeat).</summary>
    public Task<bool> TryAddAsync(QuestionEntity question, CancellationToken cancellationToken) => Table.TryAddAsync(question, cancellationToken);

    public Task<bool> TryReplaceAsync(QuestionEntity question, CancellationToken cancellationToken) => Table.TryReplaceAsync(question, cancellationToken);

    public Task<QuestionEntity?> FindAsync(string townHallId, string questionId, CancellationToken cancellationToken) =>
        QuestionEntity.IsValidId(questionId) ? Table.FindAsync<QuestionEntity>(townHallId, questionId, cancellationToken) : Task.FromResult<QuestionEntity?>(null);

    public Task<List<QuestionEntity>> ListAsync(string townHallId, CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<QuestionEntity>(townHallId, cancellationToken);

    /// <summary>
    /// Changes a question with the one ETag read-change-write (<see cref="TableUpdates"/>); the change returns
    /// false to leave it as it is. Returns the question as stored now, or null when it is gone.
    /// </summary>
    public async Task<QuestionEntity?> UpdateAsync(string townHallId, string questionId, Func<QuestionEntity, bool> change, CancellationToken cancellationToken) =>
        QuestionEntity.IsValidId(questionId) ? (await Table.UpdateAsync(townHallId, questionId, change, cancellationToken)).Entity : null;
}
