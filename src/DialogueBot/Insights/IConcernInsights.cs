namespace DialogueBot.Insights;

/// <summary>Open consultation concerns that matter to an org unit, for other features (the skip-level agenda may draw on them).</summary>
public interface IConcernInsights
{
    Task<IReadOnlyList<OpenConcern>> TopOpenConcernsAsync(string orgUnit, int max, CancellationToken cancellationToken);
}

/// <param name="Text">The item as raised (never with its author).</param>
/// <param name="Votes">Upvotes (distinct managers).</param>
/// <param name="ConsultationTitle">The consultation it was raised on.</param>
public sealed record OpenConcern(string Text, int Votes, string ConsultationTitle);

/// <summary>Until the consultation feature is registered: nothing to say.</summary>
public sealed class NoConcernInsights : IConcernInsights
{
    public Task<IReadOnlyList<OpenConcern>> TopOpenConcernsAsync(string orgUnit, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenConcern>>([]);
}
