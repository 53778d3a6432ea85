namespace DialogueBot.Infrastructure.Anonymity.ScopeKeys;

/// <summary>
/// Where scope keys live between creation and destruction. The default (<see cref="TableScopeKeyStore"/>)
/// keeps each key in its own table wrapped under a key derived from the master secret; docs/anonymity.md
/// says what that does and does not protect against.
/// </summary>
public interface IScopeKeyStore
{
    /// <summary>The scope's key, created on first call; throws <see cref="ScopeKeyDestroyedException"/> once destroyed.</summary>
    Task<ScopeKey> GetOrCreateAsync(string scope, CancellationToken cancellationToken);

    /// <summary>The scope's key, or null when it was never created or has been destroyed.</summary>
    Task<ScopeKey?> FindAsync(string scope, CancellationToken cancellationToken);

    /// <summary>Destroys the key for good (idempotent). Nothing it sealed or keyed can be opened or tested afterwards.</summary>
    Task DestroyAsync(string scope, CancellationToken cancellationToken);
}
