namespace DialogueBot.SkipLevel.Programmes;

/// <summary>Whether a person takes part in a programme's next cycles. Stored on the programme by person id.</summary>
public enum Participation
{
    Active,
    /// <summary>For now (leave, a crunch): left out of the next cycles until they resume.</summary>
    Paused,
    /// <summary>Not in this programme: left out of every further cycle until they opt in again.</summary>
    OptedOut,
}

/// <summary>What a participant chose on their pair card.</summary>
public enum ParticipationChoice
{
    Pause,
    OptOut,
    Resume,
}

/// <summary>The participation column's rules: one "id=state" per person, semicolon-joined; absent is active.</summary>
public static class ParticipationRules
{
    public static IReadOnlyDictionary<string, Participation> Parse(string stored) =>
        stored.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2))
            .Where(p => p.Length == 2 && Enum.TryParse<Participation>(p[1], out _))
            .GroupBy(p => p[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => Enum.Parse<Participation>(g.Last()[1]), StringComparer.OrdinalIgnoreCase);

    /// <summary>The column with <paramref name="personId"/> set by <paramref name="choice"/>, and whether it changed.</summary>
    public static (string Stored, bool Changed) Apply(string stored, string personId, ParticipationChoice choice)
    {
        var all = Parse(stored).ToDictionary(StringComparer.OrdinalIgnoreCase);
        var before = all.GetValueOrDefault(personId, Participation.Active);
        var after = choice switch
        {
            ParticipationChoice.Pause => Participation.Paused,
            ParticipationChoice.OptOut => Participation.OptedOut,
            _ => Participation.Active,
        };
        if (after == Participation.Active)
        {
            all.Remove(personId);
        }
        else
        {
            all[personId] = after;
        }

        return (string.Join(';', all.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")), before != after);
    }

    /// <summary>Why a person is left out of a plan, or null when they take part.</summary>
    public static string? Reason(Participation participation) => participation switch
    {
        Participation.Paused => "Paused their skip-levels.",
        Participation.OptedOut => "Opted out of this programme.",
        _ => null,
    };
}
