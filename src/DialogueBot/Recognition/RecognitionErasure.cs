using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Org;
using DialogueBot.Recognition.Nominations;
using DialogueBot.Retention;

namespace DialogueBot.Recognition;

/// <summary>
/// HR's "erase this person" for recognition: nominations of them are deleted (the story is about them), with
/// their monthly slots; where they nominated or reviewed, their id becomes the placeholder's ("a former
/// colleague"). Read through the table, not <see cref="RecognitionService"/>, so no notification fires for a clean-up.
/// </summary>
public sealed class RecognitionErasure(AppStorage storage) : IErasureParticipant
{
    public async Task<IReadOnlyList<ErasedRows>> EraseAsync(string personId, string placeholderId, OrgPerson? person, CancellationToken cancellationToken)
    {
        var table = storage.Table(NominationRepository.TableName);
        var changed = 0;
        var about = new List<ITableEntity>();
        foreach (var n in await table.ListPartitionAsync<NominationEntity>(NominationEntity.Partition, cancellationToken))
        {
            if (ErasureIds.Same(n.NomineeId, personId))
            {
                about.Add(n);
            }
            else if (ErasureIds.Same(n.NominatorId, personId) || ErasureIds.Same(n.ReviewedBy, personId))
            {
                var update = await table.UpdateAsync<NominationEntity>(n.PartitionKey, n.RowKey, row =>
                {
                    row.NominatorId = ErasureIds.Same(row.NominatorId, personId) ? placeholderId : row.NominatorId;
                    row.ReviewedBy = ErasureIds.Same(row.ReviewedBy, personId) ? placeholderId : row.ReviewedBy;
                    return true;
                }, cancellationToken);
                changed += update.Written ? 1 : 0;
            }
        }

        var slots = (await RetentionTables.QueryAsync(table, "PartitionKey gt 'slot|' and PartitionKey lt 'slot}'", cancellationToken, ["PartitionKey", "RowKey"]))
            .Where(s => s.RowKey.Split('|').Any(id => ErasureIds.Same(id, personId)));
        var deleted = await RetentionTables.DeleteAsync(table, [.. about, .. slots], cancellationToken);
        return [new ErasedRows(NominationRepository.TableName, changed + deleted, "recognition of them deleted (the story is about them); as nominator or reviewer replaced by the placeholder")];
    }
}
