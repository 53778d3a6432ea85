namespace DialogueBot.BotFramework.Authentication;

/// <summary>
/// The token issuers this bot trusts and where each one's keys live: the Bot Framework channel service
/// always; for a single-tenant bot (app registration or managed identity) also the bot's own Entra tenant (v2 and v1 issuer forms).
/// </summary>
public sealed class OpenIdMetadataProvider
{
    private readonly TrustedAuthority _channel;
    private readonly TrustedAuthority? _tenant;

    public OpenIdMetadataProvider(BotAuthenticationOptions options, IHttpClientFactory httpClientFactory, TimeProvider time)
    {
        var http = httpClientFactory.CreateClient(HttpClientNames.Metadata);
        _channel = new TrustedAuthority(
            [options.ChannelTokenIssuer],
            new OpenIdMetadata(http, options.OpenIdMetadataUrl, options, time),
            RequiresEndorsement: true);

        if (options.AppType != BotAppType.MultiTenant && !string.IsNullOrWhiteSpace(options.TenantId))
        {
            var authority = options.AuthorityHost.TrimEnd('/');
            _tenant = new TrustedAuthority(
                [$"{authority}/{options.TenantId}/v2.0", $"{options.LegacyIssuerHost.TrimEnd('/')}/{options.TenantId}/"],
                new OpenIdMetadata(http, $"{authority}/{options.TenantId}/v2.0/.well-known/openid-configuration", options, time),
                RequiresEndorsement: false);
        }
    }

    /// <summary>The authority that issues tokens with this issuer, or null when none is trusted.</summary>
    public TrustedAuthority? ForIssuer(string? issuer)
    {
        if (issuer is null)
        {
            return null;
        }

        if (_channel.Issuers.Contains(issuer, StringComparer.Ordinal))
        {
            return _channel;
        }

        return _tenant is not null && _tenant.Issuers.Contains(issuer, StringComparer.Ordinal) ? _tenant : null;
    }
}

public sealed record TrustedAuthority(IReadOnlyList<string> Issuers, OpenIdMetadata Metadata, bool RequiresEndorsement);

/// <summary>Names of the HttpClients this library registers.</summary>
public static class HttpClientNames
{
    public const string Metadata = "DialogueBot.BotFramework.Metadata";
}
