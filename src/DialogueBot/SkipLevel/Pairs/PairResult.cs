namespace DialogueBot.SkipLevel.Pairs;

/// <summary>Which pair: its programme, cycle and id (what the pair's cards carry).</summary>
public readonly record struct PairKey(string ProgrammeId, int Cycle, string PairId);

/// <summary>Why a pair action was not done.</summary>
public enum PairProblem
{
    None,
    NotFound,
    NotInPair,
    InvalidWeek,
    WeekFull,
    NeedsReason,
    LeaderOnly,
    NothingToAdd,
    InvalidAnswer,
}

/// <summary>
/// The outcome of a pair action: the pair as stored now and the caller's side in it, or a problem with a
/// clear message. <see cref="Changed"/> is false when the pair's state refused the change (a closed pair).
/// </summary>
public sealed record PairResult(PairProblem Problem, string Message, Programmes.SkipLevelProgrammeEntity? Programme = null, SkipLevelPairEntity? Pair = null, string? Side = null)
{
    public bool Ok => Problem == PairProblem.None;

    public bool Changed { get; init; }

    public static PairResult Fail(PairProblem problem, string message) => new(problem, message);
}
