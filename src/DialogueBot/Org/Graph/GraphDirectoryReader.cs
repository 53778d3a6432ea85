using System.Text.Json;
using Microsoft.Extensions.Options;

namespace DialogueBot.Org.Graph;

/// <summary>A user as the last sync saw them in Entra ID: the raw properties the org chart is mapped from.</summary>
public sealed record GraphUser
{
    public required string Id { get; init; }
    public string? DisplayName { get; init; }
    public string? Mail { get; init; }
    public string? UserPrincipalName { get; init; }
    public string? Department { get; init; }
    public string? JobTitle { get; init; }
    public bool AccountEnabled { get; init; } = true;
    /// <summary>"Member" or "Guest"; guests (other organisations' people) are not part of the org chart.</summary>
    public string? UserType { get; init; }
    public string? ManagerId { get; init; }
    /// <summary>The configured org unit attribute's value (when the unit comes from an attribute).</summary>
    public string? OrgUnitValue { get; init; }
    /// <summary>The configured level attribute's value (when the level comes from an attribute).</summary>
    public string? LevelValue { get; init; }
    public bool IsExecutive { get; init; }
    public bool IsHr { get; init; }
    /// <summary>Set when HR erased this person: only their place in the tree is kept, as this placeholder.</summary>
    public string? PlaceholderId { get; init; }

    /// <summary>What is kept of an erased person: where they sat in the tree, nothing that names them.</summary>
    public GraphUser Erased(string key, string placeholderId) => new()
    {
        Id = key,
        AccountEnabled = AccountEnabled,
        UserType = UserType,
        ManagerId = ManagerId,
        Department = Department,
        OrgUnitValue = OrgUnitValue,
        LevelValue = LevelValue,
        PlaceholderId = placeholderId,
    };
}

/// <summary>What one read of the directory produced: every user as they are now, and the link for next time.</summary>
public sealed record GraphDirectoryRead(IReadOnlyDictionary<string, GraphUser> Users, string DeltaLink, int ChangedUsers, int Pages);

/// <summary>
/// Reads Entra ID: <c>/users/delta</c> (the whole directory the first time, changes since the kept
/// deltaLink afterwards) merged onto the users of the last sync, and the role groups' transitive members.
/// Every page must arrive: one failure throws and nothing of this read is used, so the previous chart stays.
/// </summary>
public sealed class GraphDirectoryReader(GraphClient graph, IOptions<GraphOptions> options)
{
    /// <param name="keyOf">The key a user is kept under: their Entra id, or for someone HR erased, a hash of it.</param>
    public async Task<GraphDirectoryRead> ReadAsync(IReadOnlyDictionary<string, GraphUser> previous, string? deltaLink, Func<string, string> keyOf, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var users = new Dictionary<string, GraphUser>(previous, StringComparer.OrdinalIgnoreCase);
        var changed = 0;
        var pages = 0;
        var link = deltaLink ?? "users/delta?$select=" + string.Join(',', SelectedProperties(o));
        string? nextDeltaLink = null;
        while (nextDeltaLink is null)
        {
            using var page = await graph.GetJsonAsync(link, cancellationToken);
            pages++;
            var root = page.RootElement;
            foreach (var item in root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : default)
            {
                if (Apply(users, item, o, keyOf))
                {
                    changed++;
                }
            }

            if (root.TryGetProperty("@odata.nextLink", out var next) && next.GetString() is { Length: > 0 } nextLink)
            {
                link = nextLink;
            }
            else if (root.TryGetProperty("@odata.deltaLink", out var delta) && delta.GetString() is { Length: > 0 } finalLink)
            {
                nextDeltaLink = finalLink;
            }
            else
            {
                throw new GraphUnavailableException("A users/delta page had neither a nextLink nor a deltaLink.", null, null);
            }
        }

        var executives = (await GroupMembersAsync(o.ExecutiveGroupIds, cancellationToken)).Select(keyOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var hr = (await GroupMembersAsync(o.HrGroupIds, cancellationToken)).Select(keyOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, user) in users)
        {
            users[id] = user with { IsExecutive = executives.Contains(id), IsHr = hr.Contains(id) };
        }

        return new GraphDirectoryRead(users, nextDeltaLink, changed, pages);
    }

    public static IEnumerable<string> SelectedProperties(GraphOptions o)
    {
        string[] basic = ["id", "displayName", "mail", "userPrincipalName", "department", "jobTitle", "accountEnabled", "userType", "manager"];
        var extra = new[] { o.OrgUnitSource == OrgUnitSource.Attribute ? o.OrgUnitAttribute : "", o.LevelSource == LevelSource.Attribute ? o.LevelAttribute : "" }
            .Where(a => a.Length > 0).Select(a => a.Split('.')[0]);
        return basic.Concat(extra).Distinct(StringComparer.OrdinalIgnoreCase);
    }

    private async Task<HashSet<string>> GroupMembersAsync(IEnumerable<string> groupIds, CancellationToken cancellationToken)
    {
        var members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var groupId in groupIds.Select(g => g.Trim()).Where(g => g.Length > 0))
        {
            string? link = $"groups/{Uri.EscapeDataString(groupId)}/transitiveMembers/microsoft.graph.user?$select=id";
            while (link is not null)
            {
                using var page = await graph.GetJsonAsync(link, cancellationToken);
                foreach (var member in page.RootElement.GetProperty("value").EnumerateArray())
                {
                    if (member.TryGetProperty("id", out var id) && id.GetString() is { } memberId)
                    {
                        members.Add(memberId);
                    }
                }

                link = page.RootElement.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
            }
        }

        return members;
    }

    /// <summary>
    /// Merges one delta entry. Graph sends only what changed for an updated user, so only the properties
    /// present are applied; <c>@removed</c> (deleted, or out of scope) takes the user out.
    /// </summary>
    private static bool Apply(Dictionary<string, GraphUser> users, JsonElement item, GraphOptions o, Func<string, string> keyOf)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var idElement) || idElement.GetString() is not { Length: > 0 } rawId)
        {
            return false;
        }

        var id = keyOf(rawId);

        if (item.TryGetProperty("@removed", out _))
        {
            return users.Remove(id);
        }

        var user = users.TryGetValue(id, out var known) ? known : new GraphUser { Id = id };
        user = user with
        {
            DisplayName = StringOr(item, "displayName", user.DisplayName),
            Mail = StringOr(item, "mail", user.Mail),
            UserPrincipalName = StringOr(item, "userPrincipalName", user.UserPrincipalName),
            Department = StringOr(item, "department", user.Department),
            JobTitle = StringOr(item, "jobTitle", user.JobTitle),
            UserType = StringOr(item, "userType", user.UserType),
            AccountEnabled = item.TryGetProperty("accountEnabled", out var enabled) && enabled.ValueKind is JsonValueKind.True or JsonValueKind.False ? enabled.GetBoolean() : user.AccountEnabled,
            ManagerId = ManagerOf(item, user.ManagerId) is { } manager ? keyOf(manager) : null,
            OrgUnitValue = o.OrgUnitSource == OrgUnitSource.Attribute ? AttributeOr(item, o.OrgUnitAttribute, user.OrgUnitValue) : null,
            LevelValue = o.LevelSource == LevelSource.Attribute ? AttributeOr(item, o.LevelAttribute, user.LevelValue) : null,
        };
        users[id] = user;
        return true;
    }

    private static string? StringOr(JsonElement item, string name, string? fallback) =>
        item.TryGetProperty(name, out var p) ? (p.ValueKind == JsonValueKind.String ? p.GetString() : null) : fallback;

    /// <summary>"a.b": property b of the object property a (onPremisesExtensionAttributes.extensionAttribute1).</summary>
    private static string? AttributeOr(JsonElement item, string path, string? fallback)
    {
        var parts = path.Split('.');
        if (!item.TryGetProperty(parts[0], out var current))
        {
            return fallback;
        }

        foreach (var part in parts.Skip(1))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            _ => null,
        };
    }

    /// <summary>The manager as the delta query reports it (<c>manager@delta</c>), or as an expanded <c>manager</c>.</summary>
    private static string? ManagerOf(JsonElement item, string? fallback)
    {
        if (item.TryGetProperty("manager@delta", out var delta) && delta.ValueKind == JsonValueKind.Array)
        {
            string? manager = fallback;
            foreach (var entry in delta.EnumerateArray())
            {
                var entryId = entry.TryGetProperty("id", out var e) ? e.GetString() : null;
                manager = entry.TryGetProperty("@removed", out _) ? (string.Equals(entryId, manager, StringComparison.OrdinalIgnoreCase) ? null : manager) : entryId;
            }

            return manager;
        }

        if (item.TryGetProperty("manager", out var expanded))
        {
            return expanded.ValueKind == JsonValueKind.Object && expanded.TryGetProperty("id", out var m) ? m.GetString() : null;
        }

        return fallback;
    }
}
