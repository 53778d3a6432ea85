using System.Net;
using DialogueBot.BotFramework.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DialogueBot.BotFramework.Hosting;

/// <summary>
/// Makes the authentication mode impossible to miss: refuses to start with dev mode on and an app id set,
/// refuses to start in dev mode on a non-loopback address, and logs loudly whenever dev mode is on.
/// </summary>
public sealed class DevModeGuard(IOptions<BotAuthenticationOptions> options, IServer server, IHostApplicationLifetime lifetime, ILogger<DevModeGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var auth = options.Value;
        if (auth.DevMode && auth.HasAppId)
        {
            throw new InvalidOperationException("Bot:DevMode is on while Bot:AppId is set. Dev mode is for local runs without an identity; turn one of them off.");
        }

        if (!auth.DevMode && !auth.HasAppId)
        {
            logger.LogCritical("No Bot:AppId is configured and dev mode is off: every request to the bot will be refused with 401.");
        }

        if (auth.DevMode)
        {
            // Addresses are known only once the server has bound them, so check when the app has started.
            lifetime.ApplicationStarted.Register(CheckAddresses);
            logger.LogWarning("############################################################################");
            logger.LogWarning("# DEV MODE: inbound requests are NOT authenticated. Loopback callers only. #");
            logger.LogWarning("# Never run like this anywhere but your own machine.                      #");
            logger.LogWarning("############################################################################");
        }

        return Task.CompletedTask;
    }

    private void CheckAddresses()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (!IsLoopbackAddress(address))
            {
                logger.LogCritical("Dev mode must listen on loopback only, but the server listens on {Address}. Stopping.", address);
                lifetime.StopApplication();
                return;
            }
        }
    }

    public static bool IsLoopbackAddress(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
