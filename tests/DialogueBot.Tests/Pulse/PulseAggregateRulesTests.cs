using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Results;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Tests.Pulse;

/// <summary>The pure rules behind publication and results: totals per cohort, a question's figures, a run's transitions.</summary>
public class PulseAggregateRulesTests
{
    private static readonly PulseQuestion[] Questions =
    [
        new("q1", QuestionKind.Rating, "Clear?"),
        new("q2", QuestionKind.Enps, "Recommend?"),
        new("q3", QuestionKind.MultiChoice, "Slows you?", Choices: ["Meetings", "Tooling", "Priorities"]),
        new("q4", QuestionKind.Text, "Anything else?", Required: false),
    ];

    private static PulseResponse R(string unit, int? level, string q1, string q2, string q3, string? q4 = null)
    {
        var answers = new Dictionary<string, string> { ["q1"] = q1, ["q2"] = q2, ["q3"] = q3 };
        if (q4 is not null)
        {
            answers["q4"] = q4;
        }

        return new PulseResponse(unit, level, answers);
    }

    [Fact]
    public void Totals_are_kept_for_every_view_and_the_one_cell_of_each_response_and_the_cells_add_up()
    {
        PulseResponse[] responses = [R("A/B", 4, "4", "9", "0;2", "more focus"), R("A/B", 4, "2", "6", "1"), R("A", null, "5", "10", "0")];

        var totals = AggregateBuilder.Build(responses, Questions).ToDictionary(t => (t.Cohort.Key, t.Question));

        Assert.Equal(3, totals[("all", "n")].Count);
        Assert.Equal(3, totals[("unit:A", "n")].Count);
        Assert.Equal(2, totals[("unit:A/B", "n")].Count);
        Assert.Equal(2, totals[("level:4", "n")].Count);
        Assert.Equal(2, totals[("cell:4:A/B", "n")].Count);
        Assert.Equal(1, totals[("cell:-:A", "n")].Count);
        Assert.Equal(11, totals[("all", "q1")].Sum);
        Assert.Equal(new Dictionary<string, int> { ["0"] = 2, ["1"] = 1, ["2"] = 1 }, totals[("all", "q3")].Distribution);
        Assert.Equal(1, totals[("all", "q4")].Count); // the optional question counts only who answered it
        Assert.False(totals.ContainsKey(("unit:A", "q9")));
        var cells = totals.Values.Where(t => t.Cohort.Kind == CohortKind.Cell && t.Question == "n").Sum(t => t.Count);
        Assert.Equal(totals[("all", "n")].Count, cells);
    }

    [Fact]
    public void A_question_is_shown_with_its_figures_only_from_k_answers_and_only_where_disclosure_allows()
    {
        var enps = new PulseAggregate(Cohort.Everyone, "q2", 6, 44, new Dictionary<string, int> { ["10"] = 2, ["9"] = 1, ["7"] = 1, ["6"] = 1, ["2"] = 1 });

        var shown = QuestionFigures.Of(Questions[1], enps, [], shown: true, k: 5);
        var hidden = QuestionFigures.Of(Questions[1], enps, [], shown: false, k: 5);
        var few = QuestionFigures.Of(Questions[1], enps, [], shown: true, k: 7);

        Assert.Equal((6, 7.33, 17.0), (shown.Answers!.Value, shown.Mean!.Value, shown.Enps!.Value)); // (3 promoters − 2 detractors) / 6
        Assert.Equal(11, shown.Distribution.Count);
        Assert.Null(shown.Suppressed);
        Assert.Null(hidden.Answers);
        Assert.StartsWith("Hidden: compared with another view", hidden.Suppressed, StringComparison.Ordinal);
        Assert.Equal("Fewer than 7 answers: hidden.", few.Suppressed);
        Assert.Empty(few.Distribution);
    }

    [Fact]
    public void A_run_moves_scheduled_open_closing_closed_and_refuses_any_other_step()
    {
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var run = new PulseRun("pu1-001", "pu1", 1, now, now.AddDays(3));

        var open = run.Opened(20)!;
        var closing = open.StartClosing(now.AddDays(1))!;
        var closed = closing.Published()!;

        Assert.Equal((RunStatus.Open, 20), (open.Status, open.AudienceCount));
        Assert.Null(open.Opened(30));
        Assert.Null(run.Published());
        Assert.Equal((RunStatus.Closing, now.AddDays(1), now.AddDays(1)), (closing.Status, closing.ClosesAt, closing.ClosingSince!.Value)); // an early close moves the close time
        Assert.Null(closing.StartClosing(now.AddDays(2)));
        Assert.Equal(RunStatus.Closed, closed.Status);
        Assert.Null(closed.Opened(1));
        Assert.Equal(now.AddDays(3), open.StartClosing(now.AddDays(4))!.ClosesAt); // a late close keeps it
    }

    [Fact]
    public void A_closing_run_takes_answers_only_within_the_grace_less_a_margin_for_clocks()
    {
        var since = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var closing = new PulseRun("pu1-001", "pu1", 1, since.AddDays(-3), since) { Status = RunStatus.Closing, ClosingSince = since };
        var grace = TimeSpan.FromSeconds(30);

        Assert.True(closing.StillTakesAnswers(since.AddSeconds(19), grace));
        Assert.False(closing.StillTakesAnswers(since.AddSeconds(20), grace));
        Assert.True((closing with { Status = RunStatus.Open }).StillTakesAnswers(since.AddDays(9), grace));
        Assert.False((closing with { Status = RunStatus.Closed }).StillTakesAnswers(since, grace));
    }

    [Fact]
    public void An_answer_written_within_two_thirds_of_the_grace_since_its_run_was_read_open_needs_no_second_read()
    {
        var readFrom = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var grace = TimeSpan.FromSeconds(30);

        Assert.True(PulseRun.WrittenWithinGrace(readFrom, readFrom.AddSeconds(19), grace));
        Assert.False(PulseRun.WrittenWithinGrace(readFrom, readFrom.AddSeconds(20), grace));
        Assert.False(PulseRun.WrittenWithinGrace(readFrom, readFrom, TimeSpan.Zero)); // no grace: always read the run again
    }

    [Theory]
    [InlineData("scheduled", RunStatus.Scheduled)]
    [InlineData("open", RunStatus.Open)]
    [InlineData("closing", RunStatus.Closing)]
    [InlineData("closed", RunStatus.Closed)]
    public void Run_statuses_keep_their_stored_spelling(string stored, RunStatus status)
    {
        Assert.Equal(status, PulseRunEntity.StatusOf(stored));
        Assert.Equal(stored, PulseRunEntity.NameOf(status));
    }
}
