using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Insights;
using DialogueBot.SkipLevel;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Prompts;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>Prompts, reminders and follow-ups travel scheduler → work queue → Teams, once per side.</summary>
public sealed class SkipLevelPromptTests : SkipLevelBotTest
{
    private static readonly string[] Engineering = ["p02", "p12", "p13", "p14", "p15", "p16", "p17"];

    [Fact]
    public async Task Prompt_cards_reach_both_sides_once_each_a_week_ahead_then_reminders_and_follow_ups()
    {
        await InstallAsync(Engineering);
        var programmeId = await CreateAndLaunchAsync();

        // Weeks: p12, p13 → 7 Dec; p14 → 14 Dec; p15, p16 → 21 Dec; p17 → 28 Dec. Prompts go out the Monday before.
        Assert.Equal(0, await AdvanceToAsync(new DateTimeOffset(2026, 11, 30, 8, 59, 0, TimeSpan.Zero)));
        Assert.Equal(4, await AdvanceToAsync(new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.Zero)));
        await Connector.WaitUntilAsync(_ => CountHeadings("Skip-level with") == 4);

        // The same prompt scheduled again (a repeated launch, a second instance) is not sent again.
        var pair = (await PairAsync(programmeId, "p02", "p12"))!;
        await Bot.Service<Scheduler>().ScheduleAsync(SkipLevelWorkKinds.Prompt, PromptSchedule.PromptKey(pair, PairSide.Manager), new PairMessage(programmeId, 1, pair.PairId, PairSide.Manager, pair.Week), Clock.GetUtcNow());
        Assert.Equal(1, await AdvanceToAsync(Clock.GetUtcNow().AddMinutes(1)));
        await Task.Delay(1500);
        Assert.Equal(4, CountHeadings("Skip-level with"));

        var toNestor = CardsTo("p02", "Skip-level with");
        Assert.Equal(2, toNestor.Count);
        Assert.Contains(toNestor, a => a.CardText.Contains("Skip-level with Alex Wilber", StringComparison.Ordinal));
        Assert.Contains(toNestor, a => a.CardText.Contains("Skip-level with Adele Vance", StringComparison.Ordinal));
        var toAlex = Assert.Single(CardsTo("p12", "Skip-level with"));
        Assert.Contains("Skip-level with Nestor Wilke", toAlex.CardText, StringComparison.Ordinal);
        Assert.Contains("week of Mon 7 Dec 2026", toAlex.CardText, StringComparison.Ordinal);
        Assert.Contains("What should I stop doing?", toAlex.CardText, StringComparison.Ordinal);
        Assert.Single(CardsTo("p13", "Skip-level with"));
        Assert.Empty(CardsTo("p14", "Skip-level with"));

        // Two weeks on: the next prompts, the reminders before each week, and follow-ups after the first week.
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 14, 9, 30, 0, TimeSpan.Zero));
        await Connector.WaitUntilAsync(_ => CountHeadings("Skip-level with") == 10 && CountHeadings("Reminder:") == 6 && CountHeadings("Did your skip-level") == 4, TimeSpan.FromSeconds(30));
        Assert.Single(CardsTo("p12", "Did your skip-level"));
        Assert.Equal(2, CardsTo("p02", "Did your skip-level").Count);
        Assert.Single(CardsTo("p14", "Reminder:"));
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task The_agenda_shows_pulse_themes_and_open_questions_only_for_the_unit_they_are_returned_for()
    {
        // The real IPulseInsights returns only aggregates that passed the anonymity threshold; this one returns what the test says.
        Pulses.ByUnit["Engineering/Platform"] = [new PulseTheme("November pulse", "How manageable is your workload?", "2.6 / 5 from 12 people, down 0.4", "Engineering/Platform", new DateTimeOffset(2026, 11, 13, 17, 0, 0, TimeSpan.Zero))];
        Questions.ByUnit["Engineering/Platform"] = [new OpenQuestion("Why did the build budget shrink?", 14, "December town hall")];
        await InstallAsync(Engineering);
        await CreateAndLaunchAsync();

        await AdvanceToAsync(new DateTimeOffset(2026, 12, 14, 9, 30, 0, TimeSpan.Zero));
        await Connector.WaitUntilAsync(_ => CountHeadings("Skip-level with") == 10, TimeSpan.FromSeconds(30));

        var alex = Assert.Single(CardsTo("p12", "Skip-level with")).CardText;
        Assert.Contains("From the latest pulse (Engineering/Platform)", alex, StringComparison.Ordinal);
        Assert.Contains("How manageable is your workload? — 2.6 / 5 from 12 people, down 0.4", alex, StringComparison.Ordinal);
        Assert.Contains("Open town-hall questions from your area", alex, StringComparison.Ordinal);
        Assert.Contains("Why did the build budget shrink? (14 votes)", alex, StringComparison.Ordinal);
        var nestorAboutAlex = Assert.Single(CardsTo("p02", "Skip-level with Alex"));
        Assert.Contains("2.6 / 5 from 12 people", nestorAboutAlex.CardText, StringComparison.Ordinal);

        // Engineering/Product has no themes that passed: no pulse section at all, only the standing questions.
        var henrietta = Assert.Single(CardsTo("p15", "Skip-level with")).CardText;
        Assert.DoesNotContain("From the latest pulse", henrietta, StringComparison.Ordinal);
        Assert.DoesNotContain("town-hall questions", henrietta, StringComparison.Ordinal);
        Assert.Contains("What is getting in your team's way?", henrietta, StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_on_leave_or_without_the_bot_are_skipped_without_retrying_forever()
    {
        await InstallAsync("p02", "p12");
        var programmeId = await CreateAndLaunchAsync();

        await AdvanceToAsync(new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.Zero));
        await Connector.WaitUntilAsync(_ => CountHeadings("Skip-level with") == 3);

        // p13 never installed: the prompt is done (nothing to retry), and nothing is parked as poison.
        var pair = (await PairAsync(programmeId, "p02", "p13"))!;
        var ledger = Bot.Service<DialogueBot.Infrastructure.Work.WorkLedger>();
        await WaitUntilAsync(async () => (await ledger.FindAsync(SkipLevelWorkKinds.Prompt, PromptSchedule.PromptKey(pair, PairSide.Manager)))?.State == "done");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }
}
