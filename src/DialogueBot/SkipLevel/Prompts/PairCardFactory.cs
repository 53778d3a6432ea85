using DialogueBot.Org;
using DialogueBot.SkipLevel.Cards;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel.Prompts;

/// <summary>Builds the pair card for one side, with the agenda and the weeks they could move to.</summary>
public sealed class PairCardFactory(AgendaBuilder agendas, SkipLevelPairService pairService)
{
    public async Task<BotFramework.Cards.AdaptiveCard> BuildAsync(SkipLevelProgrammeEntity programme, SkipLevelPairEntity pair, string side, OrgSnapshot org, PairCardStage stage, CancellationToken cancellationToken)
    {
        var leader = org.FindById(pair.LeaderId);
        var manager = org.FindById(pair.ManagerId);
        var agenda = await agendas.BuildAsync(manager, pair.Agenda, cancellationToken);
        var weeks = pair.IsOpen ? await pairService.OpenWeeksAsync(programme, pair, cancellationToken) : [];
        return PairCard.Build(new PairView(programme, pair, side, leader, manager, agenda, stage, weeks));
    }
}
