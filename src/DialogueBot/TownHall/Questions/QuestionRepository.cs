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

    /// <summary>Changes a question by re-reading and retrying on ETag conflicts; returns the stored result, or null when it is gone.</summary>
    public async Task<QuestionEntity?> UpdateAsync(string townHallId, string questionId, Func<QuestionEntity, bool> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var question = await FindAsync(townHallId, questionId, cancellationToken);
            if (question is null)
            {
                return null;
            }

            if (!change(question))
            {
                return question; // nothing to change
            }

            if (await Table.TryReplaceAsync(question, cancellationToken))
            {
                return question;
            }

            await Task.Delay(Random.Shared.Next(2, 30), cancellationToken);
        }
    }
}
