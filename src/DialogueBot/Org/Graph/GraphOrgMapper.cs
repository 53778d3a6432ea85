using System.Globalization;
using DialogueBot.BotFramework.Routing;
using Microsoft.Extensions.Options;

namespace DialogueBot.Org.Graph;

/// <summary>
/// Turns the Entra ID users into the org chart the CSV import would produce: enabled member accounts (no guests), the
/// manager chain (a disabled or missing manager is skipped over to the next one up, and a reporting cycle
/// in the directory is cut where it closes), org units and levels by the configured mapping, and roles from
/// the groups plus "manager" for anyone with reports.
/// </summary>
public sealed class GraphOrgMapper(IOptions<GraphOptions> options)
{
    public const int MaxTextLength = 200;

    /// <param name="current">The chart in force: people it already knows keep their id (a CSV id, linked by AAD id or email).</param>
    public IReadOnlyList<OrgPerson> Map(IReadOnlyDictionary<string, GraphUser> users, OrgSnapshot current)
    {
        var o = options.Value;
        var enabled = users.Values.Where(u => u.AccountEnabled && !string.Equals(u.UserType, "Guest", StringComparison.OrdinalIgnoreCase)).OrderBy(u => u.Id, StringComparer.OrdinalIgnoreCase).ToList();
        var idOf = AssignIds(enabled, current);

        var people = new Dictionary<string, OrgPerson>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in enabled)
        {
            if (user.PlaceholderId is not null)
            {
                people[user.Id] = new OrgPerson
                {
                    Id = idOf[user.Id],
                    Name = DialogueBot.Retention.PersonEraser.FormerColleague,
                    ManagerId = NearestEnabledManager(user, users, idOf),
                    OrgUnit = UnitOf(user, o),
                    Status = PersonStatus.Leave,
                    TimeZone = current.FindById(idOf[user.Id])?.TimeZone ?? "",
                };
                continue;
            }

            var email = Text(user.Mail) is { Length: > 0 } mail ? mail : Text(user.UserPrincipalName);
            people[user.Id] = new OrgPerson
            {
                Id = idOf[user.Id],
                AadObjectId = user.Id.ToLowerInvariant(),
                Email = string.IsNullOrEmpty(email) ? null : email,
                Name = Text(user.DisplayName) is { Length: > 0 } name ? name : email ?? user.Id,
                ManagerId = NearestEnabledManager(user, users, idOf),
                OrgUnit = UnitOf(user, o),
                Roles = (user.IsExecutive ? OrgRole.Executive : OrgRole.None) | (user.IsHr ? OrgRole.HR : OrgRole.None),
                // Entra ID knows neither leave nor a person's time zone: what HR set before stays.
                TimeZone = current.FindById(idOf[user.Id])?.TimeZone ?? "",
                Status = current.FindById(idOf[user.Id])?.Status ?? PersonStatus.Active,
            };
        }

        var list = CutCycles(people.Values.ToList());
        var managers = list.Where(p => p.ManagerId is not null).Select(p => p.ManagerId!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var noExecutiveGroups = !o.ExecutiveGroupIds.Any(g => !string.IsNullOrWhiteSpace(g));
        var placeholders = enabled.Where(u => u.PlaceholderId is not null).Select(u => u.PlaceholderId!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        list = list.Select(p => placeholders.Contains(p.Id) ? p : p with
        {
            Roles = p.Roles
                | (managers.Contains(p.Id) ? OrgRole.Manager : OrgRole.None)
                | (noExecutiveGroups && p.ManagerId is null && managers.Contains(p.Id) ? OrgRole.Executive : OrgRole.None),
        }).ToList();

        var withLevels = OrgTree.WithLevels(OrgUnitNames.Canonicalise(list));
        if (o.LevelSource == LevelSource.Attribute)
        {
            var byId = enabled.ToDictionary(u => idOf[u.Id], StringComparer.OrdinalIgnoreCase);
            withLevels = withLevels.Select(p =>
                int.TryParse(byId[p.Id].LevelValue, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 50 ? p with { Level = level } : p).ToList();
        }

        return withLevels;
    }

    /// <summary>Known people keep their chart id; new ones are known by their Entra object id.</summary>
    private static Dictionary<string, string> AssignIds(IReadOnlyList<GraphUser> users, OrgSnapshot current)
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var newcomers = new List<GraphUser>();
        foreach (var user in users.Where(u => u.PlaceholderId is not null))
        {
            ids[user.Id] = user.PlaceholderId!;
            taken.Add(user.PlaceholderId!);
        }

        foreach (var user in users.Where(u => u.PlaceholderId is null))
        {
            var known = current.FindByAadObjectId(user.Id)
                ?? (current.FindByEmail(user.Mail ?? user.UserPrincipalName) is { AadObjectId: null } byEmail ? byEmail : null);
            if (known is not null && taken.Add(known.Id))
            {
                ids[user.Id] = known.Id;
            }
            else
            {
                newcomers.Add(user);
            }
        }

        // A newcomer's Entra id that happens to equal a carried CSV id of someone else: the CSV id's owner keeps it.
        foreach (var user in newcomers)
        {
            var id = user.Id.ToLowerInvariant();
            ids[user.Id] = taken.Add(id) ? id : "g-" + id;
        }

        return ids;
    }

    private static string? NearestEnabledManager(GraphUser user, IReadOnlyDictionary<string, GraphUser> users, Dictionary<string, string> idOf)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { user.Id };
        var managerId = user.ManagerId;
        while (managerId is not null && seen.Add(managerId) && users.TryGetValue(managerId, out var manager))
        {
            if (manager.AccountEnabled)
            {
                return idOf[manager.Id];
            }

            managerId = manager.ManagerId;
        }

        return null;
    }

    private static List<OrgPerson> CutCycles(List<OrgPerson> people)
    {
        var byId = people.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var settled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var start in people)
        {
            var path = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var current = byId[start.Id];
            while (current.ManagerId is { } managerId && !settled.Contains(current.Id))
            {
                path.Add(current.Id);
                if (path.Contains(managerId))
                {
                    byId[current.Id] = current with { ManagerId = null }; // the cycle closes here: this one becomes a top
                    break;
                }

                current = byId[managerId];
            }

            settled.UnionWith(path);
        }

        return people.Select(p => byId[p.Id]).ToList();
    }

    private static string UnitOf(GraphUser user, GraphOptions o)
    {
        var raw = o.OrgUnitSource == OrgUnitSource.Attribute ? user.OrgUnitValue : user.Department;
        var parts = (Text(raw) ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join('/', parts.Select(p => p.Replace('\\', '-').Replace('#', '-').Replace('?', '-')));
    }

    /// <summary>Directory text is input like any other: cleaned at the door and capped.</summary>
    private static string? Text(string? value)
    {
        var cleaned = UserText.Clean(value)?.Trim();
        return cleaned is { Length: > MaxTextLength } ? cleaned[..MaxTextLength] : cleaned;
    }
}
