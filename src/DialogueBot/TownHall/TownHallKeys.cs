using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>
/// The town hall's scope key (scope = town-hall id): created on first use, destroyed by
/// <see cref="TownHallFinish"/>. Votes and follower rows are keyed with it, follower recipients sealed with
/// it, and askers' tokens derived from it; once destroyed none of them can be opened or tested.
/// </summary>
public sealed class TownHallKeys(IScopeKeyStore store)
{
    /// <summary>The live key, or null once the town hall is finished (then nothing per person may be written).</summary>
    public async Task<ScopeKey?> LiveAsync(TownHallEntity townHall, CancellationToken cancellationToken)
    {
        if (townHall.Finished)
        {
            return null;
        }

        try
        {
            return await store.GetOrCreateAsync(townHall.Id, cancellationToken);
        }
        catch (ScopeKeyDestroyedException)
        {
            return null; // finished by another instance a moment ago
        }
    }

    /// <summary>The key if it exists; never creates one (for readers such as deliveries and the board).</summary>
    public Task<ScopeKey?> FindAsync(string townHallId, CancellationToken cancellationToken) => store.FindAsync(townHallId, cancellationToken);

    public Task DestroyAsync(string townHallId, CancellationToken cancellationToken) => store.DestroyAsync(townHallId, cancellationToken);
}
