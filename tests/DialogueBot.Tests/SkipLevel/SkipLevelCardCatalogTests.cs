using DialogueBot.Demo;
using DialogueBot.Insights;
using DialogueBot.Org;
using DialogueBot.SkipLevel;
using DialogueBot.SkipLevel.Cards;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Planning;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.SkipLevel.Prompts;
using DialogueBot.Testing;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>Every skip-level card, validated against the schema and saved for the renderer test.</summary>
public class SkipLevelCardCatalogTests
{
    private static readonly OrgSnapshot Org = new("v", OrgChartCsv.Parse(DemoSeeder.DemoOrgCsv()).People);

    private static readonly SkipLevelProgrammeEntity Programme = new()
    {
        RowKey = "sl0123456789",
        Name = "Winter skip-levels",
        ScopeUnits = "Engineering;Operations",
        ExecutivesLead = true,
        CadenceWeeks = 4,
        MeetingMinutes = 30,
        StartWeek = "2026-12-07",
        EndDate = "2027-03-31",
        PerWeekCap = 2,
        TimeZone = "Europe/London",
        LaunchedCycle = 1,
    };

    private static SkipLevelPairEntity Pair(PairState state = PairState.Proposed) => new()
    {
        PartitionKey = SkipLevelPairEntity.PartitionFor(Programme.Id, 1),
        RowKey = SkipLevelPairEntity.PairIdFor("p02", "p12"),
        ProgrammeId = Programme.Id,
        Cycle = 1,
        LeaderId = "p02",
        ManagerId = "p12",
        Week = "2026-12-07",
        State = state,
        Rule = PairingRule.TwoLevelsBelow,
    };

    private static readonly Agenda FullAgenda = new(
        [new PulseTheme("November pulse", "How manageable is your workload?", "2.6 / 5 from 12 people, down 0.4", "Engineering/Platform", DateTimeOffset.UnixEpoch)],
        [new OpenQuestion("Why did the build budget shrink?", 14, "December town hall")],
        ["Release train pain"]);

    private static PairView View(SkipLevelPairEntity pair, string side, PairCardStage stage, Agenda? agenda = null) =>
        new(Programme, pair, side, Org.FindById("p02"), Org.FindById("p12"), agenda ?? new Agenda([], [], []), stage, Programme.ToRules().WeeksOf(1).Skip(1).ToList());

    [Fact]
    public void Pair_cards_for_each_side_and_stage()
    {
        CardCatalog.Save("skiplevel-prompt-leader", PairCard.Build(View(Pair(), PairSide.Leader, PairCardStage.Prompt, FullAgenda)));
        CardCatalog.Save("skiplevel-prompt-manager", PairCard.Build(View(Pair(), PairSide.Manager, PairCardStage.Prompt, FullAgenda)));
        CardCatalog.Save("skiplevel-prompt-manager-no-insights", PairCard.Build(View(Pair(), PairSide.Manager, PairCardStage.Prompt)));
        var confirmed = Pair(PairState.Confirmed);
        confirmed.ConfirmedBy = "manager";
        CardCatalog.Save("skiplevel-reminder-manager", PairCard.Build(View(confirmed, PairSide.Manager, PairCardStage.Reminder, FullAgenda)));
        var declined = Pair(PairState.Declined);
        declined.DeclinedBy = PairSide.Leader;
        declined.DeclineReason = "Travelling all month **sorry**";
        CardCatalog.Save("skiplevel-changed-declined", PairCard.Build(View(declined, PairSide.Manager, PairCardStage.Changed)));
    }

    [Fact]
    public void Follow_up_and_notes_cards()
    {
        var pair = Pair(PairState.Done);
        CardCatalog.Save("skiplevel-followup", FollowUpCard.Build(pair, PairSide.Manager, Org.FindById("p02")));
        pair.ManagerHappened = "yes";
        pair.ManagerFollowUp = "Fix the deploy queue [now](http://x)";
        CardCatalog.Save("skiplevel-notes", FollowUpCard.Notes(pair, Org.FindById("p02"), Org.FindById("p12")));
    }

    [Fact]
    public void HR_cards_form_preview_and_status()
    {
        CardCatalog.Save("skiplevel-form", ProgrammeFormCard.Build(new ProgrammeFormValues(), Org.Units));
        CardCatalog.Save("skiplevel-form-errors", ProgrammeFormCard.Build(new ProgrammeFormValues(Name: "", CadenceWeeks: "99"), Org.Units, new Dictionary<string, string[]> { ["name"] = ["Give the programme a name."], ["cadenceWeeks"] = ["The cadence is 1 to 26 weeks."] }));

        var plan = PairingPlanner.Plan(Org, Programme.ToRules() with { ScopeUnits = [] }, 1, [new PastMeeting("p01", "p99", new DateOnly(2026, 10, 5))]);
        CardCatalog.Save("skiplevel-preview", PreviewCard.Build(Programme, plan, Org));

        var pairs = plan.Pairs.Select((p, i) =>
        {
            var row = Pair(i % 3 == 0 ? PairState.Done : PairState.Proposed);
            row.LeaderId = p.LeaderId;
            row.ManagerId = p.ManagerId;
            row.RowKey = SkipLevelPairEntity.PairIdFor(p.LeaderId, p.ManagerId);
            row.Week = SkipLevelProgrammeEntity.FormatDate(p.Week);
            return row;
        }).ToList();
        var status = ProgrammeStatus.From(Programme, pairs, Org, new DateOnly(2027, 1, 4));
        Assert.True(status.Overdue.Count > 0);
        CardCatalog.Save("skiplevel-status", StatusCard.Build([status]));
        CardCatalog.Save("skiplevel-status-empty", StatusCard.Build([]));
    }
}
