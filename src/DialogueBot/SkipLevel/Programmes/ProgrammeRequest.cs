using System.Globalization;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Planning;

namespace DialogueBot.SkipLevel.Programmes;

/// <summary>What HR sends to create a programme (from the API or the card form).</summary>
public sealed record ProgrammeRequest
{
    public string? Name { get; init; }
    /// <summary>Org units in scope; empty or absent: the whole organisation.</summary>
    public IReadOnlyList<string>? ScopeUnits { get; init; }
    /// <summary>Executives lead.</summary>
    public bool? ExecutivesLead { get; init; }
    /// <summary>Levels whose people lead (1 = top), e.g. [3] for directors.</summary>
    public IReadOnlyList<int>? LeaderLevels { get; init; }
    public int? CadenceWeeks { get; init; }
    public int? MeetingMinutes { get; init; }
    /// <summary>yyyy-MM-dd; the programme starts in that date's week.</summary>
    public string? StartDate { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? EndDate { get; init; }
    public int? PerWeekCap { get; init; }
    /// <summary>IANA time zone for when prompts go out; empty: the organisation's.</summary>
    public string? TimeZone { get; init; }
}

/// <summary>Checks a <see cref="ProgrammeRequest"/>; every problem names its field.</summary>
public static class ProgrammeValidator
{
    public static Dictionary<string, string[]> Validate(ProgrammeRequest request, OrgSnapshot org, DateOnly today, out SkipLevelProgrammeEntity? programme)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        var name = (request.Name ?? "").Trim();
        if (name.Length == 0)
        {
            Add("name", "Give the programme a name.");
        }
        else if (name.Length > 100)
        {
            Add("name", "The name is longer than 100 characters.");
        }

        var units = (request.ScopeUnits ?? []).Select(u => OrgChartCsv.NormalizeUnit(u ?? "")).Where(u => u.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var unit in units.Where(u => !org.Units.Contains(u, StringComparer.OrdinalIgnoreCase)))
        {
            Add("scopeUnits", $"'{Short(unit)}' is not an org unit of the current org chart.");
        }

        if (units.Count > 50)
        {
            Add("scopeUnits", "At most 50 org units.");
        }

        var levels = (request.LeaderLevels ?? []).Distinct().Order().ToList();
        if (levels.Any(l => l is < 1 or > 20))
        {
            Add("leaderLevels", "Levels go from 1 (the top of the organisation) to 20.");
        }

        if (request.ExecutivesLead != true && levels.Count == 0)
        {
            Add("leaderLevels", "Say who leads: set executivesLead, or give leaderLevels (for example [3] for directors).");
        }

        var cadence = request.CadenceWeeks ?? 6;
        if (cadence is < 1 or > 26)
        {
            Add("cadenceWeeks", "The cadence is 1 to 26 weeks.");
        }

        var minutes = request.MeetingMinutes ?? 30;
        if (minutes is < 15 or > 120)
        {
            Add("meetingMinutes", "Meetings last 15 to 120 minutes.");
        }

        var cap = request.PerWeekCap ?? 2;
        if (cap is < 1 or > 20)
        {
            Add("perWeekCap", "The cap is 1 to 20 meetings a week per leader.");
        }

        var start = ParseDate(request.StartDate, "startDate", Add);
        var end = ParseDate(request.EndDate, "endDate", Add);
        if (start is { } s && s < today.AddDays(-7))
        {
            Add("startDate", "The start date is in the past.");
        }

        if (start is { } s2 && end is { } e)
        {
            if (e < s2)
            {
                Add("endDate", "The end date is before the start date.");
            }
            else if (e.DayNumber - s2.DayNumber > 731)
            {
                Add("endDate", "A programme runs for at most two years.");
            }
        }

        var timeZone = (request.TimeZone ?? "").Trim();
        if (timeZone.Length > 0 && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            Add("timeZone", $"'{Short(timeZone)}' is not a known time zone (use an IANA name such as Europe/Berlin).");
        }

        programme = null;
        if (errors.Count == 0)
        {
            programme = new SkipLevelProgrammeEntity
            {
                RowKey = SkipLevelProgrammeRepository.NewId(),
                Name = name,
                ScopeUnits = string.Join(';', units),
                ExecutivesLead = request.ExecutivesLead == true,
                LeaderLevels = string.Join(';', levels.Select(l => l.ToString(CultureInfo.InvariantCulture))),
                CadenceWeeks = cadence,
                MeetingMinutes = minutes,
                StartWeek = SkipLevelProgrammeEntity.FormatDate(ProgrammeRules.MondayOf(start!.Value)),
                EndDate = SkipLevelProgrammeEntity.FormatDate(end!.Value),
                PerWeekCap = cap,
                TimeZone = timeZone,
            };
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static DateOnly? ParseDate(string? text, string field, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            add(field, "Give a date as yyyy-MM-dd.");
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            add(field, $"'{Short(text)}' is not a date as yyyy-MM-dd.");
            return null;
        }

        return date;
    }

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
