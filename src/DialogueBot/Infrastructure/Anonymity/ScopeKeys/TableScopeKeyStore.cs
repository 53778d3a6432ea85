using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Infrastructure.Anonymity.ScopeKeys;

/// <summary>
/// Scope keys in the ScopeKeys table: one row per scope holding 32 random bytes sealed under a key derived
/// from the master secret (never in the clear), replaced by a tombstone with no key material when the scope
/// closes. A reader of the tables without the master secret learns nothing from a row; after destruction
/// nobody does. Instances share the table, so every instance uses the same key and a restart loses nothing.
/// </summary>
public sealed class TableScopeKeyStore(AppStorage storage, IdentityHasher hasher) : IScopeKeyStore
{
    public const string TableName = "ScopeKeys";
    private const string Partition = "scope";

    // Keys are immutable once created, so a cache is safe; destruction is only ever followed by code that has
    // already checked the scope is closed (a closed run or town hall never asks for its key again).
    private readonly ConcurrentDictionary<string, ScopeKey> _cache = new(StringComparer.Ordinal);

    private TableClient Table => storage.Table(TableName);

    // Neither write here is a read-change-write (so neither goes through TableUpdates.UpdateAsync): a key is
    // created by an insert that fails on conflict, so the first writer's key wins everywhere, and destroyed
    // by an unconditional tombstone, which must win over anything, whatever the row held.
    public async Task<ScopeKey> GetOrCreateAsync(string scope, CancellationToken cancellationToken)
    {
        if (await FindAsync(scope, cancellationToken) is { } existing)
        {
            return existing;
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        var row = new ScopeKeyEntity { PartitionKey = Partition, RowKey = scope, Wrapped = Sealing.Seal(hasher.KeyFor(HashPurpose.ScopeKeyWrap), Convert.ToBase64String(secret), scope) };
        if (!await Table.TryAddAsync(row, cancellationToken))
        {
            // Another instance created it first (or it was destroyed): theirs is the key.
            return await FindAsync(scope, cancellationToken) ?? throw new ScopeKeyDestroyedException(scope);
        }

        return _cache.GetOrAdd(scope, new ScopeKey(scope, secret));
    }

    public async Task<ScopeKey?> FindAsync(string scope, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(scope, out var cached))
        {
            return cached;
        }

        var row = await Table.FindAsync<ScopeKeyEntity>(Partition, scope, cancellationToken);
        if (row is null || row.Wrapped is null)
        {
            return null;
        }

        var secret = Sealing.Open(hasher.KeyFor(HashPurpose.ScopeKeyWrap), row.Wrapped, scope)
            ?? throw new InvalidOperationException($"The key of '{scope}' does not open with this master secret (was Anonymity:HmacKey changed?).");
        return _cache.GetOrAdd(scope, new ScopeKey(scope, Convert.FromBase64String(secret)));
    }

    public async Task DestroyAsync(string scope, CancellationToken cancellationToken)
    {
        _cache.TryRemove(scope, out _);
        // A tombstone rather than a delete: GetOrCreate must never mint a fresh key for a scope that closed.
        await Table.UpsertEntityAsync(new ScopeKeyEntity { PartitionKey = Partition, RowKey = scope, Wrapped = null, Destroyed = true }, TableUpdateMode.Replace, cancellationToken);
    }
}

public sealed class ScopeKeyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The scope's secret sealed under the master-derived wrapping key; null once destroyed.</summary>
    public string? Wrapped { get; set; }
    public bool Destroyed { get; set; }
}
