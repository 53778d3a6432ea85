using DialogueBot.Org;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel.Invites;

/// <summary>
/// Puts a confirmed pair in the two people's calendars with a Teams meeting (Graph: an event with
/// isOnlineMeeting, on the leader's calendar, the manager invited). The default does nothing: without Graph
/// the .ics attachment on the invite card is the calendar entry.
/// </summary>
public interface ISkipLevelCalendar
{
    /// <summary>True when an event was created (or already existed for this pair and week).</summary>
    Task<bool> CreateMeetingAsync(SkipLevelProgrammeEntity programme, SkipLevelPairEntity pair, OrgPerson leader, OrgPerson manager, CancellationToken cancellationToken);
}

/// <summary>No Graph configured: no event; the .ics attachment stands in.</summary>
public sealed class NoSkipLevelCalendar : ISkipLevelCalendar
{
    public Task<bool> CreateMeetingAsync(SkipLevelProgrammeEntity programme, SkipLevelPairEntity pair, OrgPerson leader, OrgPerson manager, CancellationToken cancellationToken) =>
        Task.FromResult(false);
}
