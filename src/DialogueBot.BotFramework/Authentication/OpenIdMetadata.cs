using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace DialogueBot.BotFramework.Authentication;

/// <summary>
/// Signing keys read from one OpenID metadata document (its <c>jwks_uri</c>), cached, and read again when
/// a token names a key id we have not seen (keys rotate) — but no more often than the minimum interval.
/// Keeps each key's Bot Framework <c>endorsements</c> (the channel ids the key may sign for).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The refresh lock is a SemaphoreSlim never asked for its wait handle, so it holds nothing to free; the metadata lives as long as the process.")]
public sealed class OpenIdMetadata
{
    private readonly HttpClient _http;
    private readonly string _metadataUrl;
    private readonly BotAuthenticationOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile KeySnapshot? _snapshot;

    public OpenIdMetadata(HttpClient http, string metadataUrl, BotAuthenticationOptions options, TimeProvider time)
    {
        _http = http;
        _metadataUrl = metadataUrl;
        _options = options;
        _time = time;
    }

    public string MetadataUrl => _metadataUrl;

    /// <summary>The key with this id, reading the metadata again if it is unknown and the cache allows.</summary>
    public async Task<SigningKey?> FindKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        var now = _time.GetUtcNow();
        if (snapshot is not null && now < snapshot.ExpiresAt && snapshot.Keys.TryGetValue(keyId, out var cached))
        {
            return cached;
        }

        snapshot = await RefreshAsync(snapshot, force: snapshot is not null && now < snapshot.ExpiresAt, cancellationToken);
        return snapshot is not null && snapshot.Keys.TryGetValue(keyId, out var key) ? key : null;
    }

    private async Task<KeySnapshot?> RefreshAsync(KeySnapshot? seen, bool force, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            var current = _snapshot;
            if (!ReferenceEquals(current, seen))
            {
                return current; // another caller refreshed while we waited
            }

            if (force && current is not null && _time.GetUtcNow() - current.ReadAt < _options.MinimumMetadataRefreshInterval)
            {
                return current; // an unknown kid, but we read the keys a moment ago: do not hammer the endpoint
            }

            var fresh = await ReadAsync(cancellationToken);
            _snapshot = fresh;
            return fresh;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task<KeySnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var metadata = await _http.GetFromJsonAsync<JsonElement>(RequireScheme(_metadataUrl), cancellationToken);
        var jwksUri = metadata.TryGetProperty("jwks_uri", out var uri) ? uri.GetString() : null;
        if (string.IsNullOrEmpty(jwksUri))
        {
            throw new InvalidOperationException($"OpenID metadata at {_metadataUrl} has no jwks_uri.");
        }

        var jwksJson = await _http.GetStringAsync(RequireScheme(jwksUri), cancellationToken);
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        var keySet = new JsonWebKeySet(jwksJson);
        using var raw = JsonDocument.Parse(jwksJson);
        var endorsementsByKid = ReadEndorsements(raw.RootElement);
        foreach (var key in keySet.Keys)
        {
            if (string.IsNullOrEmpty(key.Kid))
            {
                continue;
            }

            endorsementsByKid.TryGetValue(key.Kid, out var endorsements);
            keys[key.Kid] = new SigningKey(key, endorsements);
        }

        var now = _time.GetUtcNow();
        return new KeySnapshot(keys, now, now + _options.MetadataRefreshInterval);
    }

    private static Dictionary<string, IReadOnlySet<string>?> ReadEndorsements(JsonElement jwks)
    {
        var result = new Dictionary<string, IReadOnlySet<string>?>(StringComparer.Ordinal);
        if (!jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (!key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            HashSet<string>? endorsements = null;
            if (key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                endorsements = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        endorsements.Add(item.GetString()!);
                    }
                }
            }

            result[kid.GetString()!] = endorsements;
        }

        return result;
    }

    private Uri RequireScheme(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        if (_options.RequireHttpsMetadata && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"Metadata must be read over https: {url}");
        }

        return uri;
    }

    private sealed record KeySnapshot(IReadOnlyDictionary<string, SigningKey> Keys, DateTimeOffset ReadAt, DateTimeOffset ExpiresAt);
}

/// <summary>A signing key and, for Bot Framework keys, the channels it is endorsed for (null: none listed).</summary>
public sealed record SigningKey(JsonWebKey Key, IReadOnlySet<string>? Endorsements);
