using DialogueBot.Demo;
using DialogueBot.Insights;
using DialogueBot.Org;
using DialogueBot.Recognition;
using DialogueBot.Recognition.Cards;
using DialogueBot.Recognition.Model;
using DialogueBot.Recognition.Nominations;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Recognition;

/// <summary>Every recognition card, validated against the schema and saved for the renderer test (docs/screenshots/recognition-*.png).</summary>
public class RecognitionCardCatalogTests
{
    private static readonly OrgSnapshot Org = new("v", OrgChartCsv.Parse(DemoSeeder.DemoOrgCsv()).People);

    private static readonly RecognitionOptions Options = new();

    private static NominationEntity Nomination(string nominee = "p14", string nominator = "p13", string category = "coaching", NominationState state = NominationState.Pending) => new()
    {
        RowKey = NominationRepository.IdFor(nominee + nominator + "-catalog-submit"),
        NominatorId = nominator,
        NomineeId = nominee,
        CategoryId = category,
        Story = "Pradeep spent two evenings a week for a month pairing with our two new graduates on the deploy pipeline. Both now run releases on their own. **Not bold** {{DATE(2026-01-01)}}",
        Month = "2026-11",
        CreatedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        Status = state,
    };

    private static IReadOnlyList<OrgPerson> Nominees => Org.People.Where(p => p.IsActive && p.Roles.HasFlag(OrgRole.Manager) && p.Id != "p13").ToList();

    [Fact]
    public void Nomination_form_with_and_without_errors()
    {
        CardCatalog.Save("recognition-form", NominationFormCard.Build(Nominees, Options.EffectiveCategories, Options.MaxStoryLength));
        CardCatalog.Save("recognition-form-errors", NominationFormCard.Build(Nominees, Options.EffectiveCategories, Options.MaxStoryLength,
            new NominationInput("p27", "bravery", "great", "catalog-submit-000001"),
            new Dictionary<string, string[]> { ["nomineeId"] = ["Pick a manager from the list."], ["story"] = ["Tell the story in a few sentences (at least 20 characters)."] }));
    }

    [Fact]
    public void Receipt_refusals_and_what_the_nominee_and_their_manager_receive()
    {
        CardCatalog.Save("recognition-sent", NominationCards.Submitted(Nomination(), "Pradeep Gupta", "Coached someone", managerTold: true));
        CardCatalog.Save("recognition-refused-self", NominationCards.Refused(RecognitionProblem.SelfNomination, "You can't nominate yourself."));
        CardCatalog.Save("recognition-refused-limit", NominationCards.Refused(RecognitionProblem.AlreadyNominated, "You nominated Pradeep Gupta already this month (November 2026), and that nomination is still open."));
        CardCatalog.Save("recognition-nominee", NominationCards.ForNominee(Nomination(), "Adele Vance", "Coached someone"));
        CardCatalog.Save("recognition-manager", NominationCards.ForManager(Nomination(), "Pradeep Gupta", "Adele Vance", "Coached someone"));
    }

    [Fact]
    public void Review_queue_decline_form_and_digest()
    {
        var all = new[]
        {
            Nomination(),
            Nomination("p20", "p21", "wellbeing"),
            Nomination("p15", "p16", "result", NominationState.Featured),
            Nomination("p23", "p24", "collaboration", NominationState.Declined),
        };
        var overview = RecognitionOverview.From(Org, all);
        var pending = all.Where(n => n.Status == NominationState.Pending).ToList();
        CardCatalog.Save("recognition-queue", ReviewCards.Queue(pending, overview, Org, Options, notice: "Featured: it will be on the next town hall's board and in this month's digest."));
        CardCatalog.Save("recognition-queue-empty", ReviewCards.Queue([], RecognitionOverview.From(Org, []), Org, Options));
        CardCatalog.Save("recognition-decline", ReviewCards.DeclineForm(Nomination(), Org, Options, "Give a reason for declining: the reason is kept with the nomination."));

        var wins = DigestCard.WinsOf([Nomination(state: NominationState.Featured), Nomination("p15", "p16", "result", NominationState.Featured)], Org, Options);
        var heard = new HeardFromManagers(
            [new PulseTheme("November pulse", "How manageable is your workload?", "2.9 / 5 from 24 people, down 0.3", "everyone", DateTimeOffset.UnixEpoch)],
            [new OpenQuestion("Will the hiring freeze affect backfills for people who leave?", 9, "Q4 town hall")]);
        CardCatalog.Save("recognition-digest", DigestCard.Build("2026-11", wins, heard));
        CardCatalog.Save("recognition-digest-wins-only", DigestCard.Build("2026-11", wins, HeardFromManagers.Nothing));

        // The town-hall summary as IRecognitionInsights feeds it (the wins section is the only part this feature adds).
        var hall = new DialogueBot.TownHall.TownHalls.TownHallEntity { RowKey = "thcatalog01", Title = "December town hall", EventAt = new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero) };
        CardCatalog.Save("recognition-townhall-summary", DialogueBot.TownHall.TownHallCards.Summary(hall, [], [], wins: wins));
    }
}
