namespace DialogueBot.Insights;

/// <summary>The open town-hall questions that matter to an org unit, for other features (the skip-level agenda).</summary>
public interface IQuestionInsights
{
    Task<IReadOnlyList<OpenQuestion>> TopOpenQuestionsAsync(string orgUnit, int max, CancellationToken cancellationToken);
}

/// <param name="Text">The question as asked (never with its asker).</param>
/// <param name="Votes">Upvotes.</param>
/// <param name="TownHallTitle">The town hall it was asked for.</param>
public sealed record OpenQuestion(string Text, int Votes, string TownHallTitle);

/// <summary>Until the town-hall feature is registered: nothing to say.</summary>
public sealed class NoQuestionInsights : IQuestionInsights
{
    public Task<IReadOnlyList<OpenQuestion>> TopOpenQuestionsAsync(string orgUnit, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenQuestion>>([]);
}
