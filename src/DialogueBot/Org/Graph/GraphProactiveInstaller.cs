using System.Net;
using System.Text.Json;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Conversations;
using Microsoft.Extensions.Options;

namespace DialogueBot.Org.Graph;

/// <summary>
/// Installs the app in the personal scope of someone who never opened it
/// (<c>POST /users/{id}/teamwork/installedApps</c>), then fetches the installation's 1:1 chat and stores it
/// as their conversation reference, as an install event would. 409 means installed already (success);
/// 403 means an app policy blocks it: <see cref="ProactiveInstallStatus.Blocked"/>, which the messenger records on
/// the person's conversation reference (<see cref="UnreachableReason.InstallBlocked"/>) and checks before asking
/// again, so nothing here keeps a second note of it.
/// </summary>
public sealed class GraphProactiveInstaller(
    GraphClient graph,
    ConversationReferenceRepository references,
    IOptions<GraphOptions> options,
    IConfiguration configuration,
    ILogger<GraphProactiveInstaller> logger) : IProactiveInstaller
{
    /// <summary>Right after an install the chat can take a moment to exist; the messenger asks again after this.</summary>
    public static readonly TimeSpan ChatNotReadyDelay = TimeSpan.FromSeconds(5);

    public async Task<ProactiveInstallResult> InstallAsync(OrgPerson person, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (person.AadObjectId is not { Length: > 0 } aad || o.CatalogAppId.Length == 0)
        {
            return ProactiveInstallResult.Unavailable;
        }

        var user = Uri.EscapeDataString(aad);
        try
        {
            var bind = new Dictionary<string, string> { ["teamsApp@odata.bind"] = new Uri(o.BaseUrl, "appCatalogs/teamsApps/" + Uri.EscapeDataString(o.CatalogAppId)).ToString() };
            var install = await graph.SendAsync(HttpMethod.Post, $"users/{user}/teamwork/installedApps", bind, cancellationToken, retryThrottling: false);
            install.Body?.Dispose();
            ProactiveInstallStatus status;
            switch (install.Status)
            {
                case HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.NoContent:
                    status = ProactiveInstallStatus.Installed;
                    break;
                case HttpStatusCode.Conflict:
                    status = ProactiveInstallStatus.AlreadyInstalled;
                    break;
                case HttpStatusCode.Forbidden:
                    logger.LogInformation("Installing for person {PersonId} is blocked by policy ({Code}).", person.Id, install.ErrorCode);
                    return new ProactiveInstallResult(ProactiveInstallStatus.Blocked);
                case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout:
                    return new ProactiveInstallResult(ProactiveInstallStatus.Throttled, RetryAfter: install.RetryAfter ?? TimeSpan.FromSeconds(30));
                default:
                    logger.LogWarning("Graph answered {Status} ({Code}) to installing the app for person {PersonId}.", (int)install.Status, install.ErrorCode, person.Id);
                    return ProactiveInstallResult.Unavailable;
            }

            var chatId = await FindChatAsync(user, o.CatalogAppId, cancellationToken);
            if (chatId is null)
            {
                return new ProactiveInstallResult(ProactiveInstallStatus.Throttled, RetryAfter: ChatNotReadyDelay);
            }

            var reference = await references.SaveFromActivityAsync(aad, InstalledChat(aad, chatId, o), cancellationToken);
            return new ProactiveInstallResult(status, reference);
        }
        catch (GraphUnavailableException ex)
        {
            return new ProactiveInstallResult(ProactiveInstallStatus.Throttled, RetryAfter: ex.RetryAfter ?? TimeSpan.FromSeconds(30));
        }
    }

    private async Task<string?> FindChatAsync(string user, string catalogAppId, CancellationToken cancellationToken)
    {
        var filter = Uri.EscapeDataString($"teamsApp/id eq '{catalogAppId.Replace("'", "''", StringComparison.Ordinal)}'");
        var list = await graph.SendAsync(HttpMethod.Get, $"users/{user}/teamwork/installedApps?$expand=teamsApp&$filter={filter}", null, cancellationToken);
        using (list.Body)
        {
            if (list.Status != HttpStatusCode.OK || list.Body is null
                || list.Body.RootElement.GetProperty("value").EnumerateArray().Select(i => i.TryGetProperty("id", out var id) ? id.GetString() : null).FirstOrDefault(i => i is not null) is not { } installationId)
            {
                return null;
            }

            var chat = await graph.SendAsync(HttpMethod.Get, $"users/{user}/teamwork/installedApps/{Uri.EscapeDataString(installationId)}/chat", null, cancellationToken);
            using (chat.Body)
            {
                return chat.Status == HttpStatusCode.OK && chat.Body?.RootElement.TryGetProperty("id", out var chatId) == true && chatId.ValueKind == JsonValueKind.String ? chatId.GetString() : null;
            }
        }
    }

    /// <summary>The install as the bot would have heard it: the chat, the tenant and the bot, for the reference row.</summary>
    private Activity InstalledChat(string aad, string chatId, GraphOptions o)
    {
        var tenant = o.TenantId.Length > 0 ? o.TenantId : configuration["Bot:TenantId"];
        return new Activity
        {
            Type = ActivityTypes.InstallationUpdate,
            ChannelId = "msteams",
            ServiceUrl = o.ConnectorServiceUrl,
            From = new ChannelAccount { AadObjectId = aad },
            Recipient = new ChannelAccount { Id = "28:" + configuration["Bot:AppId"] },
            Conversation = new ConversationAccount { Id = chatId, ConversationType = ConversationTypes.Personal, TenantId = tenant },
        };
    }
}
