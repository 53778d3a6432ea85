using DialogueBot.Demo;
using DialogueBot.SkipLevel.Planning;
using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel;

/// <summary>
/// For `make run`: a draft programme for the whole demo org, so HR (Alex in the Playground) can type
/// `skip-level status`, preview the pairs and launch. Nothing is sent until someone launches it.
/// </summary>
public sealed class SkipLevelDemoSeed(SkipLevelProgrammeRepository programmes, SkipLevelService service) : IDemoSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if ((await programmes.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var start = ProgrammeRules.MondayOf(service.Today()).AddDays(14);
        await programmes.AddAsync(new SkipLevelProgrammeEntity
        {
            RowKey = SkipLevelProgrammeRepository.NewId(),
            Name = "Demo skip-levels",
            ExecutivesLead = true,
            CadenceWeeks = 6,
            MeetingMinutes = 30,
            StartWeek = SkipLevelProgrammeEntity.FormatDate(start),
            EndDate = SkipLevelProgrammeEntity.FormatDate(start.AddDays(7 * 24)),
            PerWeekCap = 2,
            CreatedBy = "p05",
        }, cancellationToken);
    }
}
