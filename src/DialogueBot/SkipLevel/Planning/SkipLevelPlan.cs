namespace DialogueBot.SkipLevel.Planning;

/// <summary>One cycle's plan: who meets whom in which week, who was left out and why.</summary>
public sealed record SkipLevelPlan(
    int Cycle,
    IReadOnlyList<DateOnly> Weeks,
    IReadOnlyList<PlannedPair> Pairs,
    IReadOnlyList<SkippedPerson> Skipped,
    IReadOnlyList<string> Notes);

/// <param name="Distance">Levels between leader and manager: 2 under the main rule, more under the fallback.</param>
public sealed record PlannedPair(string LeaderId, string ManagerId, DateOnly Week, PairingRule Rule, int Distance);

public sealed record SkippedPerson(string PersonId, string Reason);

public enum PairingRule
{
    /// <summary>The manager sits exactly two levels below the leader.</summary>
    TwoLevelsBelow,
    /// <summary>Nobody eligible sits two levels below on this line, so the nearest manager further down meets the leader.</summary>
    NearestBelow,
}

/// <summary>A past meeting (or a past cycle's pairing) between a leader and a manager.</summary>
public sealed record PastMeeting(string LeaderId, string ManagerId, DateOnly Week);
