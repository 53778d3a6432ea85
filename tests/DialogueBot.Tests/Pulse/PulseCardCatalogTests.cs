using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Pulse.Cards;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Results;
using DialogueBot.Pulse.Runs;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>Every pulse card, validated against Adaptive Cards 1.5 and saved for the renderer test (and the screenshots).</summary>
public class PulseCardCatalogTests
{
    private static readonly int K = new AnonymityOptions().MinimumGroupSize;

    private static readonly DateTimeOffset Opens = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static (PulseDefinition Definition, PulseRun Run) Sample()
    {
        var template = PulseTemplates.All[0];
        var pulse = new ValidPulse("Q3 strategy check-in", template.Questions, new PulseAudience([], [], true), Opens, Opens.AddDays(5), null);
        var definition = PulseDefinition.Create("pu0123456789ab", pulse);
        var run = new PulseRun("pu0123456789ab-001", definition.Id, 1, Opens, Opens.AddDays(5)) { Status = RunStatus.Open, AudienceCount = 20 };
        return (definition, run);
    }


    [Fact]
    public void The_pulse_card_its_error_form_and_the_reminder()
    {
        var (definition, run) = Sample();
        CardCatalog.Save("pulse-question", PulseQuestionCard.Build(definition, run, K));
        CardCatalog.Save("pulse-question-errors", PulseQuestionCard.Build(definition, run, K, new Dictionary<string, string> { ["q1"] = "4", ["q4"] = "Kept as typed" }, new Dictionary<string, string> { ["q2"] = "Question 2 needs an answer.", ["q3"] = "Question 3: pick one of the choices shown." }));
        CardCatalog.Save("pulse-reminder", PulseQuestionCard.Build(definition, run, K, reminder: true));
        CardCatalog.Save("pulse-question-workload", PulseQuestionCard.Build(PulseDefinition.Create("pu2", new ValidPulse("Workload", PulseTemplates.All[1].Questions, PulseAudience.Everyone, Opens, Opens.AddDays(3), null)), run, K));
    }

    [Fact]
    public void The_cards_that_replace_the_pulse_card()
    {
        var (definition, run) = Sample();
        CardCatalog.Save("pulse-thank-you", PulseAnswerCards.ThankYou(definition, run, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), K));
        CardCatalog.Save("pulse-already-answered", PulseAnswerCards.AlreadyAnswered(definition, run));
        CardCatalog.Save("pulse-closed", PulseAnswerCards.Closed(definition, run));
        CardCatalog.Save("pulse-unknown", PulseAnswerCards.Unknown());
        CardCatalog.Save("pulse-not-in-audience", PulseAnswerCards.NotInAudience());
        CardCatalog.Save("pulse-unreadable", PulseAnswerCards.Unreadable("The field 'runId' is missing."));
    }

    [Fact]
    public void Results_cards_ready_refused_not_enough_not_closed_and_the_list()
    {
        var (definition, run) = Sample();
        CardCatalog.Save("pulse-results", PulseResultsCard.Build(SampleView(definition, run, ResultsStatus.Ready)));
        CardCatalog.Save("pulse-results-not-enough", PulseResultsCard.Build(SampleView(definition, run, ResultsStatus.NotEnoughResponses)));
        CardCatalog.Save("pulse-results-refused", PulseResultsCard.Build(SampleView(definition, run, ResultsStatus.FilterRefused) with { Filter = Cohort.Parse("unit:Finance") }));
        CardCatalog.Save("pulse-results-not-closed", PulseResultsCard.Build(SampleView(definition, run, ResultsStatus.NotClosed)));
        CardCatalog.Save("pulse-results-list", PulseResultsCard.List([(definition.Id, definition.Title, "closed Fri 28 Nov 2026"), ("pu2", "Workload and focus", "open, closes Mon 1 Dec 2026")]));
        CardCatalog.Save("pulse-results-list-empty", PulseResultsCard.List([]));
    }

    [Fact]
    public void The_new_pulse_form_its_errors_and_the_confirmation()
    {
        var (definition, run) = Sample();
        string[] units = ["Engineering", "Engineering/Platform", "Operations"];
        CardCatalog.Save("pulse-form", PulseFormCard.Build(units, K));
        CardCatalog.Save("pulse-form-errors", PulseFormCard.Build(units, K, new Dictionary<string, string> { ["title"] = "", ["unit"] = "Engineering/Platform" }, new Dictionary<string, string[]> { ["title"] = ["Give the pulse a title."], ["audience"] = ["This audience has 4 people: below 5, no result could ever be shown."] }, 4));
        CardCatalog.Save("pulse-created", PulseFormCard.Created(definition, run, 20));
    }

    public static PulseResultsView SampleView(PulseDefinition definition, PulseRun run, ResultsStatus status)
    {
        var ready = status == ResultsStatus.Ready;
        QuestionResult[] questions =
        [
            new("q1", definition.Questions[0].Text, QuestionKind.Rating, 12, 3.6, null, [new("1", 0), new("2", 1), new("3", 4), new("4", 5), new("5", 2)], [], null),
            new("q2", definition.Questions[1].Text, QuestionKind.Enps, 12, 7.4, 8, Enumerable.Range(0, 11).Select(i => new DistributionBucket(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i switch { 10 => 2, 9 => 2, 8 => 4, 7 => 2, 5 => 1, 3 => 1, _ => 0 })).ToList(), [], null),
            new("q3", definition.Questions[2].Text, QuestionKind.SingleChoice, 12, null, null, [new("Strategy", 3), new("Priorities", 6), new("Decisions", 2), new("Nothing", 1)], [], null),
            new("q4", definition.Questions[3].Text, QuestionKind.Text, 4, null, null, [], [], "Fewer than 5 answers: hidden."),
        ];
        return new PulseResultsView(definition.Id, run.Id, 2, definition.Title, run.ClosesAt, status,
            status switch
            {
                ResultsStatus.NotEnoughResponses => "Not enough responses: results are shown only when at least 5 people have answered.",
                ResultsStatus.FilterRefused => "This filter is not available: it would describe fewer than 5 people, either directly or by comparing it with the wider group.",
                ResultsStatus.NotClosed => "Results open when the pulse closes on Fri 28 Nov 2026.",
                _ => "Everyone who answered.",
            },
            Cohort.Everyone, 20, ready ? 12 : null, ready ? 60 : null, ready ? questions : [],
            [new ResultsFilter(Cohort.OfUnit("Engineering"), "Engineering"), new ResultsFilter(Cohort.OfUnit("Operations"), "Operations")],
            [new TrendPoint(1, "2026-08-29", 14, new Dictionary<string, double> { ["q1"] = 3.2, ["q2"] = 6.9 }), new TrendPoint(2, "2026-11-28", 12, new Dictionary<string, double> { ["q1"] = 3.6, ["q2"] = 7.4 })],
            5);
    }
}
