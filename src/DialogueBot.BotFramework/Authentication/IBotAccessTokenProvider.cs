using Microsoft.Identity.Client;

namespace DialogueBot.BotFramework.Authentication;

/// <summary>Gives the bearer token the bot presents to the Connector.</summary>
public interface IBotAccessTokenProvider
{
    /// <summary>A token, or null when the bot has no identity (dev mode), in which case none is sent.</summary>
    Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Client-credentials tokens from Entra ID through MSAL. MSAL keeps the app token in its in-memory cache
/// and renews it near expiry, so this is one network call an hour, not one per message.
/// </summary>
public sealed class MsalBotAccessTokenProvider : IBotAccessTokenProvider
{
    private readonly IConfidentialClientApplication? _app;
    private readonly string[] _scopes;

    public MsalBotAccessTokenProvider(BotAuthenticationOptions options)
    {
        _scopes = [options.ConnectorScope];
        if (!options.HasAppId)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.AppPassword))
        {
            throw new InvalidOperationException("Bot:AppPassword is required when Bot:AppId is set.");
        }

        if (string.IsNullOrWhiteSpace(options.OutboundTenant))
        {
            throw new InvalidOperationException("Bot:TenantId is required for a single-tenant bot.");
        }

        _app = ConfidentialClientApplicationBuilder
            .Create(options.AppId)
            .WithClientSecret(options.AppPassword)
            .WithAuthority($"{options.AuthorityHost.TrimEnd('/')}/{options.OutboundTenant}")
            .Build();
    }

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            return null;
        }

        var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}
