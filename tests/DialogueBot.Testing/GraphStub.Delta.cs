using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DialogueBot.Testing;

/// <summary>
/// The stub's <c>/users/delta</c>: a round is fixed when its first page is asked for (every user, or the
/// changes after a delta token), then served page by page with skip tokens; the last page carries the
/// delta token of the round's end.
/// </summary>
public sealed partial class GraphStub
{
    private async Task DeltaAsync(HttpContext http, string deltaToken, string skipToken)
    {
        List<JsonObject> round;
        long upTo;
        string roundId;
        int offset;
        if (skipToken.Length > 0)
        {
            var parts = skipToken.Split('.');
            roundId = parts[0];
            upTo = long.Parse(parts[1], CultureInfo.InvariantCulture);
            offset = int.Parse(parts[2], CultureInfo.InvariantCulture);
            if (!_deltaRounds.TryGetValue(roundId, out round!))
            {
                await ErrorAsync(http, HttpStatusCode.BadRequest, "InvalidSkipToken");
                return;
            }
        }
        else
        {
            var since = deltaToken.Length > 0 ? long.Parse(deltaToken, CultureInfo.InvariantCulture) : 0;
            lock (_lock)
            {
                upTo = _seq;
                round = since == 0
                    ? _users.Values.OrderBy(u => u.Id, StringComparer.Ordinal).Select(u => UserJson(u, null)).ToList()
                    : _changes.Where(c => c.Value.Seq > since).OrderBy(c => c.Value.Seq)
                        .Select(c => c.Value.Removed || !_users.TryGetValue(c.Key, out var user)
                            ? new JsonObject { ["id"] = c.Key, ["@removed"] = new JsonObject { ["reason"] = "deleted" } }
                            : UserJson(user, c.Value.PreviousManager)).ToList();
            }

            roundId = Guid.NewGuid().ToString("N");
            _deltaRounds[roundId] = round;
            offset = 0;
        }

        var page = new JsonArray(round.Skip(offset).Take(PageSize).Select(u => (JsonNode)u.DeepClone()).ToArray());
        var result = new JsonObject { ["@odata.context"] = $"{BaseUrl}$metadata#users(id,displayName)", ["value"] = page };
        if (offset + PageSize < round.Count)
        {
            result["@odata.nextLink"] = $"{BaseUrl}users/delta?$skiptoken={roundId}.{upTo}.{offset + PageSize}";
        }
        else
        {
            result["@odata.deltaLink"] = $"{BaseUrl}users/delta?$deltatoken={upTo}";
        }

        await JsonAsync(http, 200, result);
    }

    private static JsonObject UserJson(StubUser user, string? previousManager)
    {
        var json = new JsonObject
        {
            ["id"] = user.Id,
            ["displayName"] = user.DisplayName,
            ["mail"] = user.Mail,
            ["userPrincipalName"] = user.Mail ?? user.Id + "@contoso.test",
            ["department"] = user.Department,
            ["jobTitle"] = user.JobTitle,
            ["accountEnabled"] = user.AccountEnabled,
            ["userType"] = user.UserType,
        };
        foreach (var (name, value) in user.Attributes ?? new Dictionary<string, string>())
        {
            json[name] = value;
        }

        if (user.ManagerId is not null)
        {
            json["manager@delta"] = new JsonArray(new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = user.ManagerId });
        }
        else if (previousManager is not null)
        {
            json["manager@delta"] = new JsonArray(new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = previousManager, ["@removed"] = new JsonObject { ["reason"] = "deleted" } });
        }

        return json;
    }
}
