using DialogueBot.Org;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>Who may do what in a town hall. Always decided here, server-side, from the org chart.</summary>
public static class TownHallAccess
{
    /// <summary>Hosts and HR moderate and answer.</summary>
    public static bool CanModerate(TownHallEntity townHall, Caller caller) =>
        caller.Person is { IsActive: true } person
        && (caller.HasAny(OrgRole.HR) || townHall.Hosts.Contains(person.Id, StringComparer.OrdinalIgnoreCase));

    /// <summary>The audience (or everyone, when no unit is named) asks and votes; so may hosts and HR.</summary>
    public static bool IsInvited(TownHallEntity townHall, Caller caller) =>
        caller.Person is { IsActive: true } person
        && (townHall.Audience.Count == 0 || townHall.Audience.Any(u => OrgSnapshot.IsInUnit(person, u)) || CanModerate(townHall, caller));

    public static bool IsInAudience(TownHallEntity townHall, OrgPerson person) =>
        person.IsActive && (townHall.Audience.Count == 0 || townHall.Audience.Any(u => OrgSnapshot.IsInUnit(person, u)));

    /// <summary>The board is for the audience, the hosts, HR and executives.</summary>
    public static bool CanSeeBoard(TownHallEntity townHall, Caller caller) =>
        IsInvited(townHall, caller) || caller.HasAny(OrgRole.Executive | OrgRole.HR);

    public static bool CanCreate(Caller caller) => caller.HasAny(OrgRole.Executive | OrgRole.HR);
}
