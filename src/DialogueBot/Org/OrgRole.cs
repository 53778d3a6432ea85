namespace DialogueBot.Org;

/// <summary>What a person may do in DialogueBot. A person can hold several (an HR director who manages a team).</summary>
[Flags]
public enum OrgRole
{
    None = 0,
    /// <summary>Answers pulses, asks and upvotes questions, meets skip-level leaders.</summary>
    Manager = 1,
    /// <summary>Reads results, opens town halls and the question board, leads skip-levels.</summary>
    Executive = 2,
    /// <summary>Schedules pulses and skip-level programmes, imports the org chart.</summary>
    HR = 4,
}

public static class OrgRoles
{
    /// <summary>Parses the CSV's role cell: names separated by ';' or '|', case-insensitive.</summary>
    public static bool TryParse(string? text, out OrgRole roles)
    {
        roles = OrgRole.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var part in text.Split([';', '|', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part.ToLowerInvariant())
            {
                case "manager":
                    roles |= OrgRole.Manager;
                    break;
                case "executive" or "exec" or "leader":
                    roles |= OrgRole.Executive;
                    break;
                case "hr":
                    roles |= OrgRole.HR;
                    break;
                case "member" or "employee" or "ic":
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    public static string Describe(OrgRole roles)
    {
        if (roles == OrgRole.None)
        {
            return "member";
        }

        var names = new List<string>();
        if (roles.HasFlag(OrgRole.Executive))
        {
            names.Add("executive");
        }

        if (roles.HasFlag(OrgRole.HR))
        {
            names.Add("HR");
        }

        if (roles.HasFlag(OrgRole.Manager))
        {
            names.Add("manager");
        }

        return string.Join(", ", names);
    }
}
