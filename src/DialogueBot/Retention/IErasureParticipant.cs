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

/// <summary>How every erasure compares a stored org-chart id with the erased person's (ids are case-insensitive, as in the import).</summary>
public static class ErasureIds
{
    public static bool Same(string? stored, string personId) => string.Equals(stored?.Trim(), personId, StringComparison.OrdinalIgnoreCase);
}
