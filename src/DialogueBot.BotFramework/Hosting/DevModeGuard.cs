using System.Net;
using DialogueBot.BotFramework.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DialogueBot.BotFramework.Hosting;

/// <summary>
/// Makes the authentication mode impossible to miss: refuses to start with dev mode on and an app id set,
/// refuses to start in dev mode on a non-loopback address, and logs loudly whenever dev mode is on. Per
/// request, <see cref="RefusalOf"/> (applied by <see cref="DevModeRequestGate"/>) refuses what came through
/// a proxy or tunnel.
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

    /// <summary>
    /// Why dev mode must refuse this request, or null. Dev mode trusts the TCP peer being loopback; a dev
    /// tunnel or reverse proxy on the developer's machine is loopback too, and would let anyone outside pick
    /// an identity. Such a hop announces itself with forwarding headers or a Host that is not loopback.
    /// </summary>
    public static string? RefusalOf(HttpRequest request)
    {
        foreach (var name in request.Headers.Keys)
        {
            if (IsForwardingHeader(name))
            {
                return $"it carries the forwarding header {name}, so it came through a proxy or tunnel";
            }
        }

        var host = request.Host;
        if (!host.HasValue)
        {
            return "it names no Host";
        }

        return IsLoopbackHost(host.Host) ? null : $"its Host '{host.Host}' is not loopback";
    }

    private static readonly string[] ForwardingPrefixes = ["X-Forwarded-", "X-Original-", "X-Azure-", "X-Envoy-"];

    private static readonly HashSet<string> ForwardingHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Forwarded", "Via", "X-Real-IP", "X-Client-IP", "X-Cluster-Client-IP", "True-Client-IP", "CF-Connecting-IP",
        "Fastly-Client-IP", "X-ProxyUser-Ip", "X-Host", "X-ARR-SSL", "X-ARR-LOG-ID", "X-Client-Address",
    };

    private static bool IsForwardingHeader(string name) =>
        ForwardingHeaders.Contains(name) || ForwardingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
