using DialogueBot.Org;
using DialogueBot.Recognition.Nominations;

namespace DialogueBot.Recognition.Model;

/// <summary>
/// What reviewers see at a glance: how recognition spreads over units and levels, and the managers nobody
/// has recognised yet (the overlooked middle). Recognised means at least one nomination not declined;
/// managers on leave are left out of the list (they are not overlooked, they are away).
/// </summary>
public sealed record RecognitionOverview(
    IReadOnlyList<UnitCount> ByUnit,
    IReadOnlyList<LevelCount> ByLevel,
    IReadOnlyList<StateCount> ByState,
    IReadOnlyList<OverlookedManager> NeverRecognised,
    int Managers)
{
    public static RecognitionOverview From(OrgSnapshot org, IReadOnlyList<NominationEntity> nominations)
    {
        var counted = nominations.Where(n => NominationReview.Recognises(n.Status))
            .Select(n => org.FindById(n.NomineeId)).Where(p => p is not null).Select(p => p!).ToList();
        var recognised = counted.Select(p => p.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var managers = org.People.Where(p => p.IsActive && p.Roles.HasFlag(OrgRole.Manager)).ToList();

        return new RecognitionOverview(
            counted.GroupBy(p => p.OrgUnit, StringComparer.OrdinalIgnoreCase).Select(g => new UnitCount(g.Key, g.Count(), g.Select(p => p.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count()))
                .OrderByDescending(u => u.Nominations).ThenBy(u => u.Unit, StringComparer.OrdinalIgnoreCase).ToList(),
            counted.GroupBy(p => p.Level).Select(g => new LevelCount(g.Key, g.Count())).OrderBy(l => l.Level).ToList(),
            Enum.GetValues<NominationState>().Select(s => new StateCount(s, nominations.Count(n => n.Status == s))).ToList(),
            managers.Where(m => !recognised.Contains(m.Id))
                .OrderBy(m => m.OrgUnit, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
                .Select(m => new OverlookedManager(m.Id, m.Name, m.OrgUnit, m.Level)).ToList(),
            managers.Count);
    }
}

/// <param name="Nominations">Nominations (not declined) of managers in the unit.</param>
/// <param name="People">How many different managers of the unit they recognise.</param>
public sealed record UnitCount(string Unit, int Nominations, int People);

public sealed record LevelCount(int Level, int Nominations);

public sealed record StateCount(NominationState State, int Count);

public sealed record OverlookedManager(string Id, string Name, string OrgUnit, int Level);
