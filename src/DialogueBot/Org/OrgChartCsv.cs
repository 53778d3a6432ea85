using System.Text;

namespace DialogueBot.Org;

/// <summary>
/// Reads an org chart from CSV (RFC 4180: quoted fields, doubled quotes, commas and newlines in quotes).
/// Columns are found by header name, in any order: id, aadObjectId, email, name, managerId, orgUnit,
/// role, timeZone, status. Every problem is reported with its line number; nothing is imported unless the
/// whole file is valid.
/// </summary>
public static class OrgChartCsv
{
    public const int MaxPeople = 200_000;
    private static readonly string[] Known = ["id", "aadobjectid", "email", "name", "managerid", "orgunit", "role", "timezone", "status"];

    public static OrgChartParseResult Parse(string csv)
    {
        var errors = new List<OrgChartError>();
        var rows = ReadRows(csv, errors);
        if (errors.Count > 0)
        {
            return new OrgChartParseResult([], errors);
        }

        if (rows.Count == 0)
        {
            return new OrgChartParseResult([], [new OrgChartError(1, "The file is empty: it needs a header line and at least one person.")]);
        }

        var (headerLine, header) = rows[0];
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            if (!Known.Contains(name.ToLowerInvariant()))
            {
                errors.Add(new OrgChartError(headerLine, $"Unknown column '{header[i]}'. Known columns: id, aadObjectId, email, name, managerId, orgUnit, role, timeZone, status."));
                continue;
            }

            if (!columns.TryAdd(name, i))
            {
                errors.Add(new OrgChartError(headerLine, $"Column '{header[i]}' appears twice."));
            }
        }

        foreach (var required in new[] { "id", "name" })
        {
            if (!columns.ContainsKey(required))
            {
                errors.Add(new OrgChartError(headerLine, $"The header has no '{required}' column."));
            }
        }

        if (!columns.ContainsKey("aadObjectId") && !columns.ContainsKey("email"))
        {
            errors.Add(new OrgChartError(headerLine, "The header needs an 'aadObjectId' or an 'email' column, to recognise people in Teams."));
        }

        if (errors.Count > 0)
        {
            return new OrgChartParseResult([], errors);
        }

        if (rows.Count - 1 > MaxPeople)
        {
            return new OrgChartParseResult([], [new OrgChartError(headerLine, $"The file lists {rows.Count - 1} people; the limit is {MaxPeople}.")]);
        }

        var people = new List<(int Line, OrgPerson Person)>();
        var roleLeftEmpty = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, cells) in rows.Skip(1))
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (cells.Count != header.Count)
            {
                errors.Add(new OrgChartError(line, $"Expected {header.Count} cells, found {cells.Count}."));
                continue;
            }

            string Cell(string name) => columns.TryGetValue(name, out var i) ? cells[i].Trim() : "";
            var person = ParsePerson(line, Cell, errors);
            if (person is not null)
            {
                people.Add((line, person));
                if (Cell("role").Length == 0)
                {
                    roleLeftEmpty.Add(person.Id);
                }
            }
        }

        if (errors.Count == 0)
        {
            OrgTree.Validate(people, errors);
        }

        return errors.Count > 0
            ? new OrgChartParseResult([], errors)
            : new OrgChartParseResult(OrgTree.DeriveRoles(OrgTree.WithLevels([.. OrgUnitNames.Canonicalise([.. people.Select(p => p.Person)])]), roleLeftEmpty), []);
    }

    private static OrgPerson? ParsePerson(int line, Func<string, string> cell, List<OrgChartError> errors)
    {
        var before = errors.Count;
        var id = cell("id");
        var name = cell("name");
        var aad = cell("aadObjectId");
        var email = cell("email");

        if (id.Length == 0)
        {
            errors.Add(new OrgChartError(line, "'id' is empty."));
        }
        else if (id.Length > 100 || id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            errors.Add(new OrgChartError(line, $"'id' '{Truncate(id)}' is longer than 100 characters or holds / \\ # ? or a control character."));
        }

        if (name.Length == 0)
        {
            errors.Add(new OrgChartError(line, "'name' is empty."));
        }
        else if (name.Length > 200)
        {
            errors.Add(new OrgChartError(line, "'name' is longer than 200 characters."));
        }

        if (aad.Length == 0 && email.Length == 0)
        {
            errors.Add(new OrgChartError(line, "Give an 'aadObjectId' or an 'email' so the person can be recognised in Teams."));
        }

        if (aad.Length > 0 && !LooksLikeObjectId(aad))
        {
            errors.Add(new OrgChartError(line, $"'aadObjectId' '{Truncate(aad)}' is not a GUID."));
        }

        if (email.Length > 0 && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@')))
        {
            errors.Add(new OrgChartError(line, $"'email' '{Truncate(email)}' is not an email address."));
        }

        if (!OrgRoles.TryParse(cell("role"), out var roles))
        {
            errors.Add(new OrgChartError(line, $"'role' '{Truncate(cell("role"))}' is not one of manager, executive, hr, member (combine with ';')."));
        }

        var timeZone = cell("timeZone");
        if (timeZone.Length > 0 && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add(new OrgChartError(line, $"'timeZone' '{Truncate(timeZone)}' is not a known time zone (use an IANA name such as Europe/Berlin)."));
        }

        var statusText = cell("status");
        var status = PersonStatus.Active;
        if (statusText.Length > 0 && !Enum.TryParse(statusText, ignoreCase: true, out status))
        {
            errors.Add(new OrgChartError(line, $"'status' '{Truncate(statusText)}' is not 'active' or 'leave'."));
        }

        var orgUnit = NormalizeUnit(cell("orgUnit"));
        if (orgUnit.Length > 200)
        {
            errors.Add(new OrgChartError(line, "'orgUnit' is longer than 200 characters."));
        }

        if (errors.Count > before)
        {
            return null;
        }

        var managerId = cell("managerId");
        return new OrgPerson
        {
            Id = id,
            Name = name,
            AadObjectId = aad.Length == 0 ? null : aad.ToLowerInvariant(),
            Email = email.Length == 0 ? null : email.ToLowerInvariant(),
            ManagerId = managerId.Length == 0 ? null : managerId,
            OrgUnit = orgUnit,
            Roles = roles,
            TimeZone = timeZone,
            Status = status,
        };
    }

    /// <summary>"Engineering / Platform/" becomes "Engineering/Platform".</summary>
    public static string NormalizeUnit(string unit) =>
        string.Join('/', unit.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // The Playground's user id is not a canonical GUID (its last group is one digit long), so accept
    // GUID-shaped ids of hex digits and hyphens rather than only what Guid.TryParse accepts.
    private static bool LooksLikeObjectId(string value) =>
        Guid.TryParse(value, out _) || (value.Length is >= 32 and <= 40 && value.All(c => char.IsAsciiHexDigit(c) || c == '-'));

    private static string Truncate(string value) => value.Length > 40 ? value[..40] + "…" : value;

    /// <summary>Splits CSV text into rows of cells, remembering the line each row starts on.</summary>
    private static List<(int Line, List<string> Cells)> ReadRows(string csv, List<OrgChartError> errors)
    {
        var rows = new List<(int, List<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var rowStart = 1;
        var quoted = false;
        var i = 0;
        if (csv.Length > 0 && csv[0] == '\uFEFF')
        {
            i = 1; // byte-order mark from spreadsheet exports
        }

        for (; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < csv.Length && csv[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    rows.Add((rowStart, cells));
                    cells = [];
                    line++;
                    rowStart = line;
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            errors.Add(new OrgChartError(rowStart, "A quoted cell is never closed."));
            return rows;
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            rows.Add((rowStart, cells));
        }

        return rows;
    }
}

public sealed record OrgChartError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

public sealed record OrgChartParseResult(IReadOnlyList<OrgPerson> People, IReadOnlyList<OrgChartError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
