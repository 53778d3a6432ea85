using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace DialogueBot.BotFramework.Authentication;

/// <summary>Gives the bearer token the bot presents to the Connector.</summary>
public interface IBotAccessTokenProvider
{
    /// <summary>A token, or null when the bot has no identity (dev mode), in which case none is sent.</summary>
    Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Client-credentials tokens from Entra ID through MSAL, or, for a <see cref="BotAppType.UserAssignedMSI"/>
/// bot, managed identity tokens through MSAL. MSAL keeps the token in its in-memory cache and renews it near
/// expiry, so this is one network call an hour, not one per message.
/// </summary>
public sealed class MsalBotAccessTokenProvider : IBotAccessTokenProvider
{
    private readonly IConfidentialClientApplication? _app;
    private readonly IManagedIdentityApplication? _managedIdentity;
    private readonly string[] _scopes;
    private readonly string _resource;

    public MsalBotAccessTokenProvider(BotAuthenticationOptions options)
    {
        _scopes = [options.ConnectorScope];
        // Managed identity tokens are asked for by resource, not by scope.
        _resource = options.ConnectorScope.EndsWith("/.default", StringComparison.Ordinal) ? options.ConnectorScope[..^"/.default".Length] : options.ConnectorScope;
        if (!options.HasAppId)
        {
            return;
        }

        if (options.AppType == BotAppType.UserAssignedMSI)
        {
            _managedIdentity = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(options.AppId)).Build();
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

    /// <summary>True when tokens come from the host's managed identity (no secret).</summary>
    public bool UsesManagedIdentity => _managedIdentity is not null;

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (_managedIdentity is not null)
        {
            return (await _managedIdentity.AcquireTokenForManagedIdentity(_resource).ExecuteAsync(cancellationToken)).AccessToken;
        }

        if (_app is null)
        {
            return null;
        }

        var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}
