using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DialogueBot.Testing;

/// <summary>The stub's group and Teams app installation routes, and its answers.</summary>
public sealed partial class GraphStub
{
    private int _chatNotReady;

    /// <summary>The next <paramref name="times"/> chat lookups answer 404, as right after an install before Teams made the chat.</summary>
    public void ChatNotReady(int times) => Interlocked.Exchange(ref _chatNotReady, times);

    private async Task GroupMembersAsync(HttpContext http, string groupId, string skipToken)
    {
        List<string> members;
        lock (_lock)
        {
            if (!_groups.TryGetValue(groupId, out var group))
            {
                members = [];
            }
            else
            {
                members = group.ToList();
            }
        }

        var offset = skipToken.Length > 0 ? int.Parse(skipToken, CultureInfo.InvariantCulture) : 0;
        var result = new JsonObject
        {
            ["value"] = new JsonArray(members.Skip(offset).Take(PageSize).Select(id => (JsonNode)new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = id }).ToArray()),
        };
        if (offset + PageSize < members.Count)
        {
            result["@odata.nextLink"] = $"{BaseUrl}groups/{groupId}/transitiveMembers/microsoft.graph.user?$select=id&$skiptoken={offset + PageSize}";
        }

        await JsonAsync(http, 200, result);
    }

    private async Task InstallAsync(HttpContext http, string userId, string body)
    {
        string? bind;
        try
        {
            bind = JsonNode.Parse(body)?["teamsApp@odata.bind"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            bind = null;
        }

        if (bind is null || !bind.EndsWith("/appCatalogs/teamsApps/" + CatalogAppId, StringComparison.Ordinal))
        {
            await ErrorAsync(http, HttpStatusCode.BadRequest, "BadRequest");
            return;
        }

        bool known;
        lock (_lock)
        {
            known = _users.ContainsKey(userId);
        }

        if (!known)
        {
            await ErrorAsync(http, HttpStatusCode.NotFound, "NotFound");
        }
        else if (BlockedUsers.ContainsKey(userId))
        {
            await ErrorAsync(http, HttpStatusCode.Forbidden, "Forbidden");
        }
        else if (!Installed.TryAdd(userId, InstallationId(userId)))
        {
            await ErrorAsync(http, HttpStatusCode.Conflict, "Conflict");
        }
        else
        {
            http.Response.StatusCode = 201; // Graph answers 201 Created with no body
        }
    }

    private async Task ListInstalledAsync(HttpContext http, string userId, string filter)
    {
        var value = new JsonArray();
        if (Installed.TryGetValue(userId, out var installationId) && (filter.Length == 0 || filter.Contains($"'{CatalogAppId}'", StringComparison.Ordinal)))
        {
            value.Add(new JsonObject
            {
                ["id"] = installationId,
                ["teamsApp"] = new JsonObject { ["id"] = CatalogAppId, ["externalId"] = "dialoguebot-manifest-id", ["displayName"] = "DialogueBot", ["distributionMethod"] = "organization" },
            });
        }

        await JsonAsync(http, 200, new JsonObject { ["value"] = value });
    }

    private async Task ChatAsync(HttpContext http, string userId, string installationId)
    {
        if (!Installed.TryGetValue(userId, out var installed) || installed != installationId || Interlocked.Decrement(ref _chatNotReady) >= 0)
        {
            await ErrorAsync(http, HttpStatusCode.NotFound, "NotFound");
            return;
        }

        await JsonAsync(http, 200, new JsonObject { ["id"] = ChatIdOf(userId) });
    }

    /// <summary>The 1:1 chat Graph reports for the app installed for <paramref name="userId"/>.</summary>
    public static string ChatIdOf(string userId) => $"19:{userId.ToLowerInvariant()}_bot@unq.gbl.spaces";

    private static string InstallationId(string userId) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(userId + "##" + DefaultCatalogAppId)).TrimEnd('=').Replace('/', '_').Replace('+', '-');

    private static async Task ErrorAsync(HttpContext http, HttpStatusCode status, string code, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await JsonAsync(http, (int)status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = "Injected by the Graph stub" } });
    }

    private static async Task JsonAsync(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString());
    }
}

/// <summary>App-only Graph tokens in tests: a fixed fake (Entra ID cannot run here).</summary>
public sealed class StaticGraphTokenSource : DialogueBot.Org.Graph.IGraphTokenSource
{
    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult("graph-test-token");
}
