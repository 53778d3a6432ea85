using DialogueBot.Retention;

namespace DialogueBot.Org.Graph;

/// <summary>
/// HR's "erase this person" for what the Graph feature keeps: their Entra properties in the users of the
/// last sync and of a waiting proposal. (A blocked install is recorded on their conversation reference, which
/// the erasure deletes itself.) Entra ID still lists them, so from now
/// on the sync keeps only their place in the tree (manager, unit) and maps it to the erasure's placeholder,
/// instead of bringing them back at the next run.
/// </summary>
public sealed class GraphErasure(GraphSyncStore store) : IErasureParticipant
{
    public async Task<IReadOnlyList<ErasedRows>> EraseAsync(string personId, string placeholderId, OrgPerson? person, CancellationToken cancellationToken)
    {
        if (person?.AadObjectId is not { Length: > 0 } aad)
        {
            return [];
        }

        var users = await store.EraseUserAsync(aad, placeholderId, cancellationToken);
        return
        [
            new ErasedRows(GraphSyncStore.TableName, users, "their Entra ID properties deleted; later syncs keep only their place in the tree, as the placeholder"),
        ];
    }
}
