namespace DialogueBot.Pulse.Model;

/// <summary>Ready-made question sets for the Teams form (the API takes any questions).</summary>
public static class PulseTemplates
{
    public sealed record Template(string Id, string Title, IReadOnlyList<PulseQuestion> Questions);

    public static IReadOnlyList<Template> All { get; } =
    [
        new("engagement", "Engagement check-in",
        [
            new("q1", QuestionKind.Rating, "I understand where the company is heading this quarter."),
            new("q2", QuestionKind.Enps, "How likely are you to recommend working here to a friend?"),
            new("q3", QuestionKind.SingleChoice, "What should leadership explain better?", Choices: ["Strategy", "Priorities", "Decisions", "Nothing"]),
            new("q4", QuestionKind.Text, "Anything you want leadership to hear?", Required: false),
        ]),
        new("workload", "Workload and focus",
        [
            new("q1", QuestionKind.Rating, "My team's workload is sustainable."),
            new("q2", QuestionKind.MultiChoice, "What slows your team down most?", Choices: ["Meetings", "Unclear priorities", "Dependencies", "Tooling"]),
            new("q3", QuestionKind.Text, "One thing that would help most:", Required: false),
        ]),
        new("enps", "Quick eNPS",
        [
            new("q1", QuestionKind.Enps, "How likely are you to recommend working here to a friend?"),
            new("q2", QuestionKind.Text, "What is the main reason for your score?", Required: false),
        ]),
    ];

    public static Template? Find(string? id) => All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));
}
