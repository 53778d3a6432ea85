using DialogueBot.Org;

namespace DialogueBot.Retention;

/// <summary>
/// A feature that keeps its own rows about people (outside the tables <see cref="PersonEraser"/> sweeps
/// itself) and erases them when HR erases a person. Called before the org-chart row is replaced, so the
/// person's AAD id and email are still known; must be safe to run again. <c>placeholderId</c> is the id of
/// the "former colleague" row that takes their place in the org chart.
/// </summary>
public interface IErasureParticipant
{
    Task<IReadOnlyList<ErasedRows>> EraseAsync(string personId, string placeholderId, OrgPerson? person, CancellationToken cancellationToken);
}
