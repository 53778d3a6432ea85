using DialogueBot.Org;
using DialogueBot.SkipLevel.Cards;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel.Prompts;

/// <summary>Builds the pair card for one side, with the agenda and the weeks they could move to.</summary>
public sealed class PairCardFactory(AgendaBuilder agendas, SkipLevelPairRepository pairs)
{
    public async Task<BotFramework.Cards.AdaptiveCard> BuildAsync(SkipLevelProgrammeEntity programme, SkipLevelPairEntity pair, string side, OrgSnapshot org, PairCardStage stage, CancellationToken cancellationToken)
    {
        var leader = org.FindById(pair.LeaderId);
        var manager = org.FindById(pair.ManagerId);
        var agenda = await agendas.BuildAsync(manager, pair.Agenda, cancellationToken);
        var weeks = pair.IsOpen ? await OpenWeeksAsync(programme, pair, cancellationToken) : [];
        return PairCard.Build(new PairView(programme, pair, side, leader, manager, agenda, stage, weeks));
    }

    /// <summary>The cycle's other weeks in which the leader still has room under the per-week cap.</summary>
    public async Task<IReadOnlyList<DateOnly>> OpenWeeksAsync(SkipLevelProgrammeEntity programme, SkipLevelPairEntity pair, CancellationToken cancellationToken)
    {
        var cycle = await pairs.ListCycleAsync(programme.Id, pair.Cycle, cancellationToken);
        var taken = cycle
            .Where(p => p.IsOpen && p.PairId != pair.PairId && string.Equals(p.LeaderId, pair.LeaderId, StringComparison.OrdinalIgnoreCase))
            .GroupBy(p => p.Week, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return programme.ToRules().WeeksOf(pair.Cycle)
            .Where(w => w != pair.WeekDate && taken.GetValueOrDefault(SkipLevelProgrammeEntity.FormatDate(w)) < programme.PerWeekCap)
            .ToList();
    }
}
