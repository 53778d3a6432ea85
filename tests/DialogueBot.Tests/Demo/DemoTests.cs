using System.Text.Json;
using DialogueBot.Demo;
using DialogueBot.Pulse;
using DialogueBot.Pulse.Cards;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Results;
using DialogueBot.Pulse.Runs;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.Testing;
using DialogueBot.TownHall.TownHalls;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Tests.Demo;

/// <summary>`make run`'s demo: every feature's payoff is there at once, and a second start adds nothing twice.</summary>
public sealed class DemoTests : BotTest
{
    private async Task SeedAsync()
    {
        foreach (var seed in Bot.Services.GetServices<IDemoSeed>())
        {
            await seed.SeedAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_demo_has_a_closed_pulse_with_results_and_a_trend_an_open_pulse_a_town_hall_and_a_programme()
    {
        await SeedAsync();

        var pulses = await Bot.Service<PulseService>().ListAsync(CancellationToken.None);
        var closed = Assert.Single(pulses, p => p.Definition.Title == PulseDemoSeed.ClosedTitle);
        Assert.Equal(PulseDemoSeed.ClosedRuns, closed.Runs.Count(r => r.Status == RunStatus.Closed));
        var open = Assert.Single(pulses, p => p.Definition.Title == PulseDemoSeed.OpenTitle);
        Assert.Equal(RunStatus.Open, open.Latest!.Status);

        var results = (await Bot.Service<PulseResultsService>().GetAsync(closed.Definition.Id, null, null, CancellationToken.None))!;
        Assert.Equal(ResultsStatus.Ready, results.Status);
        Assert.True(results.Respondents >= Bot.Service<PulseService>().MinimumGroupSize);
        Assert.Equal(2, results.Trend.Count);
        Assert.NotEmpty(await Bot.Service<TownHallRepository>().ListAsync(CancellationToken.None));
        Assert.NotEmpty(await Bot.Service<SkipLevelProgrammeRepository>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_second_start_on_kept_data_seeds_nothing_twice()
    {
        await SeedAsync();
        var before = await Bot.Service<PulseService>().ListAsync(CancellationToken.None);

        await SeedAsync();

        var after = await Bot.Service<PulseService>().ListAsync(CancellationToken.None);
        Assert.Equal(before.Select(p => (p.Definition.Id, p.Runs.Count)), after.Select(p => (p.Definition.Id, p.Runs.Count)));
        var results = (await Bot.Service<PulseResultsService>().GetAsync(after.Single(p => p.Definition.Title == PulseDemoSeed.ClosedTitle).Definition.Id, null, null, CancellationToken.None))!;
        Assert.Equal(ResultsStatus.Ready, results.Status);
    }

    [Fact]
    public async Task Alex_opens_the_demo_results_from_the_list_and_goes_back_to_it()
    {
        await SeedAsync();
        var alex = DemoUsers.Alex(Connector.ServiceUrl);

        var list = await Bot.InvokeCardAsync(alex.Execute(PulseResultsCard.ListVerb));
        Assert.Contains(PulseDemoSeed.ClosedTitle, CardTexts.Of(list), StringComparison.Ordinal);

        var open = Actions(list).First(a => a.GetProperty("title").GetString() == PulseDemoSeed.ClosedTitle);
        var results = await Bot.InvokeCardAsync(alex.Execute(PulseResultsCard.ResultsVerb, open.GetProperty("data")));
        var text = CardTexts.Of(results);
        Assert.Contains("Responses", text, StringComparison.Ordinal);
        Assert.Contains("Trend across runs", text, StringComparison.Ordinal);

        var back = Actions(results).Single(a => a.GetProperty("title").GetString() == "Back to the list");
        var again = await Bot.InvokeCardAsync(alex.Execute(back.GetProperty("verb").GetString()!));
        Assert.Contains("Pulse results", CardTexts.Of(again), StringComparison.Ordinal);
        foreach (var card in new[] { list, results, again })
        {
            CardRules.AssertReadyForPeople(card.GetRawText(), "demo results");
        }
    }

    private static IEnumerable<JsonElement> Actions(JsonElement card) =>
        card.TryGetProperty("actions", out var actions) ? actions.EnumerateArray() : [];
}
