using DialogueBot.Insights;
using DialogueBot.Org;

namespace DialogueBot.SkipLevel.Prompts;

/// <summary>A suggested agenda for one pair.</summary>
/// <param name="Themes">Pulse results for the manager's org unit. <see cref="IPulseInsights"/> only ever returns aggregates that passed the anonymity threshold; this feature adds no figures of its own.</param>
/// <param name="Questions">Top open town-hall questions for that unit.</param>
/// <param name="LeaderItems">What the leader added.</param>
public sealed record Agenda(IReadOnlyList<PulseTheme> Themes, IReadOnlyList<OpenQuestion> Questions, IReadOnlyList<string> LeaderItems)
{
    public static readonly IReadOnlyList<string> StandingQuestions =
    [
        "What should I stop doing?",
        "What is getting in your team's way?",
        "What do you wish I knew that doesn't reach me?",
    ];
}

/// <summary>Builds the agenda from the other features' insights (the defaults say nothing until those features are registered).</summary>
public sealed class AgendaBuilder(IPulseInsights pulses, IQuestionInsights questions)
{
    public const int MaxThemes = 3;
    public const int MaxQuestions = 3;

    public async Task<Agenda> BuildAsync(OrgPerson? manager, IReadOnlyList<string> leaderItems, CancellationToken cancellationToken)
    {
        var unit = manager?.OrgUnit ?? "";
        var themes = await pulses.LatestThemesAsync(unit, MaxThemes, cancellationToken);
        var open = await questions.TopOpenQuestionsAsync(unit, MaxQuestions, cancellationToken);
        return new Agenda(themes.Take(MaxThemes).ToList(), open.Take(MaxQuestions).ToList(), leaderItems);
    }
}
