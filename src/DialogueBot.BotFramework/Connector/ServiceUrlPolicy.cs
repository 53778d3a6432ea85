using System.Net;
using DialogueBot.BotFramework.Authentication;

namespace DialogueBot.BotFramework.Connector;

/// <summary>
/// Decides whether the bot may call a serviceUrl at all. The serviceUrl arrives inside the activity, so
/// without this check anyone who could get an activity processed could make the bot send its Connector
/// token to a host of their choosing. https to an allowed host always; loopback only in dev mode.
/// </summary>
public sealed class ServiceUrlPolicy
{
    private readonly IReadOnlyList<string> _hosts;
    private readonly bool _devMode;

    public ServiceUrlPolicy(BotAuthenticationOptions options)
    {
        _hosts = options.AllowedServiceUrlHosts.Count > 0
            ? [.. options.AllowedServiceUrlHosts]
            : BotAuthenticationOptions.DefaultServiceUrlHosts;
        _devMode = options.DevMode;
    }

    public bool IsAllowed(Uri uri)
    {
        if (IsLoopback(uri))
        {
            return _devMode || HostAllowed(uri.Host);
        }

        return uri.Scheme == Uri.UriSchemeHttps && HostAllowed(uri.Host);
    }

    private bool HostAllowed(string host) => _hosts.Any(allowed =>
        allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase));

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
}
