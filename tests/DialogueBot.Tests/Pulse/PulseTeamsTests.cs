using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Insights;
using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Runs;
using DialogueBot.Pulse.Submissions;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>The Teams side for HR and executives (form, results), and the lifecycle: flush resumption, recurrence, trends, insights.</summary>
public sealed class PulseTeamsTests(SharedBot host) : PulseTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task HR_starts_a_pulse_from_the_Teams_form_with_an_audience_count_first()
    {
        var patti = DemoUsers.Patti(Connector.ServiceUrl);
        await Bot.SendAsync(patti.Message("pulse"));
        var form = await Connector.WaitForAsync(a => a.ConversationId == patti.ConversationId && a.CardText.Contains("New pulse", StringComparison.Ordinal));
        Assert.Contains("Engineering/Platform", form.CardText, StringComparison.Ordinal);
        var data = new { title = "From Teams", template = "enps", unit = "Engineering", managersOnly = "false", days = "3" };

        var preview = await Bot.InvokeCardAsync(patti.Execute("pulse.preview", data));
        var created = await Bot.InvokeCardAsync(patti.Execute("pulse.create", data));
        var tooSmall = await Bot.InvokeCardAsync(patti.Execute("pulse.create", data with { unit = "Finance/Planning" }));

        Assert.Contains("This audience is 12 people right now", Text(preview), StringComparison.Ordinal);
        Assert.Contains("Pulse on its way", Text(created), StringComparison.Ordinal);
        Assert.Contains("12 people", Text(created), StringComparison.Ordinal);
        Assert.Contains("below 5", Text(tooSmall), StringComparison.Ordinal);
        Assert.Single(await Bot.Service<PulseDefinitionRepository>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_manager_cannot_open_the_form_or_create_and_an_executive_lists_results()
    {
        var adele = DemoUsers.ById("p13", Connector.ServiceUrl);
        var megan = DemoUsers.Megan(Connector.ServiceUrl);
        await CreateOpenPulseAsync();

        await Bot.SendAsync(adele.Message("pulse"));
        var refused = await Bot.InvokeCardAsync(adele.Execute("pulse.create", new { title = "x", template = "enps", days = "3" }));
        await Bot.SendAsync(megan.Message("results"));

        await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId && a.CardText.Contains("Not available to you", StringComparison.Ordinal));
        Assert.Contains("Not available to you", Text(refused), StringComparison.Ordinal);
        var list = await Connector.WaitForAsync(a => a.ConversationId == megan.ConversationId && a.CardText.Contains("Pulse results", StringComparison.Ordinal));
        Assert.Contains("Strategy check-in", list.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_published_while_open_and_a_publication_that_crashed_half_way_resumes_without_counting_twice()
    {
        var (_, runId) = await CreateOpenPulseAsync();
        var questions = (await Bot.Service<PulseDefinitionRepository>().FindAsync(runId[..^4], CancellationToken.None))!.Questions;
        for (var i = 0; i < 6; i++)
        {
            await AnswerAsync(Managers[i], Answers(runId, i < 4 ? 4 : i - 2, 8, 0));
        }

        // Open: not one response or total exists, so no batch, however small, can be read or dated.
        Assert.Empty(await Bot.Service<PulseResponseRepository>().ListAsync(runId, CancellationToken.None));
        Assert.Empty(await Bot.Service<PulseAggregateRepository>().ListAsync(runId, CancellationToken.None));

        // A publication "crashed" after writing responses and totals, before the run was marked closed.
        var runKey = (await Bot.Service<IScopeKeyStore>().FindAsync(runId, CancellationToken.None))!;
        Assert.Equal(6, await Bot.Service<PulsePublisher>().PublishAsync(runKey, questions, CancellationToken.None));
        await CloseAsync(runId);

        var rows = await Bot.Service<PulseAggregateRepository>().ListAsync(runId, CancellationToken.None);
        var all = rows.Where(r => r.Cohort == Cohort.Everyone).ToDictionary(r => r.Question);
        Assert.Equal(6, all["n"].Count);
        Assert.Equal((4 * 4) + 2 + 3, all["q1"].Sum);
        Assert.Equal(6, (await Bot.Service<PulseResponseRepository>().ListAsync(runId, CancellationToken.None)).Count);
        // Published: the run's submissions (participation and pending) and its key are gone.
        Assert.Empty(await Bot.Service<PulseSubmissionRepository>().Table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == runId).ToListAsync());
        Assert.Null(await Bot.Service<IScopeKeyStore>().FindAsync(runId, CancellationToken.None));
    }

    [Fact]
    public async Task A_recurring_pulse_opens_its_next_run_at_close_and_results_show_the_trend_and_insights_see_it()
    {
        var body = new
        {
            title = "Monthly check-in",
            questions = new object[] { new { kind = "rating", text = "I understand our strategy." }, new { kind = "enps", text = "Recommend us?" } },
            audience = new { managersOnly = true },
            closesAt = DateTimeOffset.UtcNow.AddDays(3),
            recurrence = "0 9 1 * *",
        };
        var (pulseId, first) = await CreateOpenPulseAsync(body);
        for (var i = 0; i < 5; i++)
        {
            await AnswerAsync(Managers[i], new Dictionary<string, object?> { ["runId"] = first, ["v"] = 1, ["q1"] = "2", ["q2"] = "5" });
        }

        await CloseAsync(first);
        var runs = await Bot.Service<PulseRunRepository>().ListForPulseAsync(pulseId, CancellationToken.None);
        Assert.Equal(2, runs.Count);
        var second = runs[1];
        Assert.Equal(RunStatus.Scheduled, second.Status);
        var london = TimeZoneInfo.ConvertTime(second.OpensAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        Assert.Equal((1, 9, 0), (london.Day, london.Hour, london.Minute)); // the cron, in the organisation's time zone

        await Bot.Service<PulseService>().OpenAsync(second.Id, CancellationToken.None); // as the scheduler would on the 1st
        for (var i = 0; i < 6; i++)
        {
            await AnswerAsync(Managers[i + 5], new Dictionary<string, object?> { ["runId"] = second.Id, ["v"] = 1, ["q1"] = "4", ["q2"] = "9" });
        }

        await CloseAsync(second.Id);
        var results = await ResultsAsync(pulseId);
        var trend = results.GetProperty("trend").EnumerateArray().ToList();

        Assert.Equal(2, results.GetProperty("sequence").GetInt32());
        Assert.Equal([2.0, 4.0], trend.Select(t => t.GetProperty("means").GetProperty("q1").GetDouble()));
        var themes = await Bot.Service<IPulseInsights>().LatestThemesAsync("Engineering/Platform", 5, CancellationToken.None);
        Assert.NotEmpty(themes);
        Assert.All(themes, t => Assert.Equal("Monthly check-in", t.PulseTitle));
        Assert.Contains(themes, t => t.Summary.Contains("up 2.0", StringComparison.Ordinal));
    }
}
