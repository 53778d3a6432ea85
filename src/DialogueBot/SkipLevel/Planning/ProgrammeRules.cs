namespace DialogueBot.SkipLevel.Planning;

/// <summary>
/// What the planner needs to know about a programme: who is in scope, who leads, and the calendar.
/// Kept free of storage types so the planner stays a pure function.
/// </summary>
public sealed record ProgrammeRules
{
    /// <summary>Org units in scope (a unit includes everything below it); empty means the whole organisation.</summary>
    public IReadOnlyList<string> ScopeUnits { get; init; } = [];

    /// <summary>Everyone holding the Executive role leads.</summary>
    public bool ExecutivesLead { get; init; }

    /// <summary>Everyone at these levels (1 = top) leads, e.g. directors at level 3.</summary>
    public IReadOnlyList<int> LeaderLevels { get; init; } = [];

    public int CadenceWeeks { get; init; } = 6;

    /// <summary>The Monday of the first cycle's first week.</summary>
    public DateOnly StartWeek { get; init; }

    /// <summary>The last day a meeting may be suggested in.</summary>
    public DateOnly EndDate { get; init; }

    public int PerWeekCap { get; init; } = 2;

    /// <summary>People who paused or opted out: they are left out of the plan, with the reason.</summary>
    public IReadOnlyDictionary<string, Programmes.Participation> LeftOut { get; init; } = new Dictionary<string, Programmes.Participation>();

    /// <summary>The Monday of the week holding <paramref name="date"/>.</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>How many cycles fit the window (a cycle starting after the end date does not exist).</summary>
    public int CycleCount => StartWeek > EndDate ? 0 : ((EndDate.DayNumber - StartWeek.DayNumber) / 7 / CadenceWeeks) + 1;

    /// <summary>The Mondays of a cycle's weeks, clipped to the window.</summary>
    public IReadOnlyList<DateOnly> WeeksOf(int cycle)
    {
        var first = StartWeek.AddDays((cycle - 1) * CadenceWeeks * 7);
        return Enumerable.Range(0, CadenceWeeks).Select(i => first.AddDays(i * 7)).Where(w => w <= EndDate).ToList();
    }
}
