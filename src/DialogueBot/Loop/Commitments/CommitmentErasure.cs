using DialogueBot.Infrastructure.Storage;
using DialogueBot.Org;
using DialogueBot.Retention;

namespace DialogueBot.Loop.Commitments;

/// <summary>
/// HR's erase reaches the commitments: a summary published by the person, or an action they own, names the
/// "former colleague" placeholder instead. Threads name nobody in plain, so there is nothing to find there
/// (a name an author chose to reveal is sealed inside a message: see docs/anonymity.md).
/// </summary>
public sealed class CommitmentErasure(CommitmentRepository repository) : IErasureParticipant
{
    public async Task<IReadOnlyList<ErasedRows>> EraseAsync(string personId, string placeholderId, OrgPerson? person, CancellationToken cancellationToken)
    {
        var summaries = 0;
        foreach (var summary in (await repository.ListSummariesAsync(cancellationToken)).Where(s => s.PublishedBy == personId))
        {
            var update = await repository.Table.UpdateAsync<SummaryEntity>(summary.PartitionKey, summary.RowKey, s => Replace(s.PublishedBy, personId, placeholderId, v => s.PublishedBy = v), cancellationToken);
            summaries += update.Written ? 1 : 0;
        }

        var actions = 0;
        foreach (var action in (await repository.ListAllActionsAsync(cancellationToken)).Where(a => a.OwnerId == personId))
        {
            var update = await repository.Table.UpdateAsync<ActionEntity>(action.PartitionKey, action.RowKey, a => Replace(a.OwnerId, personId, placeholderId, v => a.OwnerId = v), cancellationToken);
            actions += update.Written ? 1 : 0;
        }

        return [new ErasedRows(CommitmentRepository.TableName, summaries + actions, "summaries published and actions owned: now the placeholder's")];
    }

    private static bool Replace(string current, string personId, string placeholderId, Action<string> set)
    {
        if (current != personId)
        {
            return false;
        }

        set(placeholderId);
        return true;
    }
}
