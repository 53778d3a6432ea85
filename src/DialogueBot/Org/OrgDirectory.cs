using Microsoft.Extensions.Options;

namespace DialogueBot.Org;

/// <summary>
/// The org chart as every feature reads it: a cached <see cref="OrgSnapshot"/>, reloaded when the active
/// version or revision changes (checked at most every few seconds, so every instance converges quickly
/// after an import without reading the chart on every request).
/// </summary>
public sealed class OrgDirectory(OrgChartRepository repository, IOptions<OrgOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private OrgSnapshot _snapshot = OrgSnapshot.Empty;
    private string _loadedKey = "";
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public async Task<OrgSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (time.GetUtcNow() - _checkedAt < options.Value.CacheDuration)
        {
            return _snapshot;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() - _checkedAt < options.Value.CacheDuration)
            {
                return _snapshot;
            }

            var meta = await repository.GetMetaAsync(cancellationToken);
            var key = meta is null ? "" : $"{meta.Version}#{meta.Revision}";
            if (key != _loadedKey)
            {
                var people = meta is null ? [] : await repository.LoadAsync(meta.Version, cancellationToken);
                _snapshot = new OrgSnapshot(key, people);
                _loadedKey = key;
            }

            _checkedAt = time.GetUtcNow();
            return _snapshot;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Forgets the cache (after an import or link in this instance).</summary>
    public void Invalidate() => _checkedAt = DateTimeOffset.MinValue;

    public async Task<OrgPerson?> FindByAadObjectIdAsync(string? aadObjectId, CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).FindByAadObjectId(aadObjectId);

    public void Dispose() => _lock.Dispose();
}

public sealed class OrgOptions
{
    public const string SectionName = "Org";

    /// <summary>How long an instance trusts its cached org chart before checking for a newer import.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The organisation's time zone (IANA id), for schedules and for people with none of their own.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>
    /// AAD object ids that may import the org chart while it is still empty (a fresh deployment has no HR
    /// yet). Once a chart exists, only its HR people may import. See <see cref="OrgBootstrap"/>.
    /// </summary>
    public IList<string> BootstrapImporters { get; set; } = [];
}
