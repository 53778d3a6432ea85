using System.Net;
using System.Net.Http.Json;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Insights;
using DialogueBot.Tests.SkipLevel;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Tests.Recognition;

/// <summary>A featured win goes on the next town hall's board and summary, and into the month's digest, which reaches exactly its audience once.</summary>
public sealed class FeaturedWinTests : RecognitionBotTest
{
    private TestPulseInsights Pulses { get; } = new();

    private TestQuestionInsights Questions { get; } = new();

    protected override DialogueBot.Testing.BotAppOptions Configure(DialogueBot.Testing.BotAppOptions options) => base.Configure(options) with
    {
        ConfigureServices = services =>
        {
            services.AddSingleton<IPulseInsights>(Pulses);
            services.AddSingleton<IQuestionInsights>(Questions);
        },
    };

    private async Task<string> FeatureAsync(string nominatorId, string nomineeId, string story = Story)
    {
        await NominateAsync(nominatorId, nomineeId, story: story);
        var id = (await OnlyNominationAsync(nomineeId)).Id;
        await ReviewAsync("p05", id, "feature");
        return id;
    }

    private async Task<string> CreateTownHallAsync(DateTimeOffset eventAt)
    {
        using var hr = ClientAs("p05");
        using var response = await hr.PostAsJsonAsync("/api/townhalls", new
        {
            title = "December town hall",
            hostIds = new[] { "p01" },
            opensAt = Clock.GetUtcNow().AddHours(-1),
            closesAt = eventAt.AddHours(-1),
            eventAt,
            announce = false,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_featured_win_is_on_the_next_town_halls_board_endpoint_and_in_its_summary_card_and_an_approved_one_is_not()
    {
        var townHall = await CreateTownHallAsync(Clock.GetUtcNow().AddDays(7));
        await NominateAsync("p19", "p18");
        await ReviewAsync("p05", (await OnlyNominationAsync("p18")).Id, "approve");
        using var manager = ClientAs("p13");
        using var before = await manager.GetAsync($"/api/townhalls/{townHall}/questions");
        Assert.Equal(0, (await JsonAsync(before)).GetProperty("wins").GetArrayLength());

        await FeatureAsync("p13", "p14");

        using var board = await manager.GetAsync($"/api/townhalls/{townHall}/questions");
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        var win = Assert.Single((await JsonAsync(board)).GetProperty("wins").EnumerateArray());
        Assert.Equal("Pradeep Gupta", win.GetProperty("managerName").GetString());
        Assert.Equal("Adele Vance", win.GetProperty("nominatedBy").GetString());
        Assert.Equal("Coached someone", win.GetProperty("category").GetString());
        Assert.Equal(Story, win.GetProperty("story").GetString());

        // A town hall whose event was before the win was featured keeps its own board.
        var earlier = await CreateTownHallAsync(Clock.GetUtcNow().AddDays(7));
        Clock.Advance(TimeSpan.FromDays(8));
        await FeatureAsync("p16", "p15");
        using var old = await manager.GetAsync($"/api/townhalls/{earlier}/questions");
        Assert.Equal(["Pradeep Gupta"], (await JsonAsync(old)).GetProperty("wins").EnumerateArray().Select(w => w.GetProperty("managerName").GetString()));

        await InstallAsync("p12");
        using var hr = ClientAs("p05");
        using var summary = await hr.PostAsync($"/api/townhalls/{townHall}/summary", null);
        Assert.Equal(HttpStatusCode.Accepted, summary.StatusCode);
        var card = await Connector.WaitForAsync(a => a.ConversationId == User("p12").ConversationId && a.CardText.Contains("After the town hall", StringComparison.Ordinal));
        Assert.Contains("Managers' wins", card.CardText, StringComparison.Ordinal);
        Assert.Contains("Pradeep Gupta", card.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("Enrico Cattaneo", card.CardText, StringComparison.Ordinal); // approved, not featured
    }

    [Fact]
    public async Task The_monthly_digest_reaches_exactly_its_audience_once_with_what_passed_the_threshold()
    {
        // HR: managers of Engineering/Platform (Lee Gu, Alex Wilber, Adele Vance, Pradeep Gupta).
        using var hr = ClientAs("p05");
        using var set = await hr.PutAsJsonAsync("/api/recognition/digest/audience", new { units = new[] { "Engineering/Platform" }, roles = new[] { "manager" } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(4, (await JsonAsync(set)).GetProperty("people").GetInt32());
        using var badUnit = await hr.PutAsJsonAsync("/api/recognition/digest/audience", new { units = new[] { "Atlantis" }, roles = new[] { "manager" } });
        Assert.Equal(HttpStatusCode.BadRequest, badUnit.StatusCode);

        string[] audience = ["p06", "p12", "p13", "p14"];
        string[] outside = ["p27", "p28", "p15", "p05"];
        await InstallAsync([.. audience, .. outside]);
        Pulses.ByUnit[""] = [new PulseTheme("November pulse", "How manageable is your workload?", "2.9 / 5 from 24 people", "everyone", Clock.GetUtcNow())];
        Questions.ByUnit[""] = [new OpenQuestion("Will the hiring freeze affect backfills?", 9, "Q4 town hall")];
        await FeatureAsync("p13", "p14");

        using var sent = await hr.PostAsync("/api/recognition/digest/2026-11/send", null);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        using var sentAgain = await hr.PostAsync("/api/recognition/digest/2026-11/send", null);
        Assert.Equal(HttpStatusCode.Accepted, sentAgain.StatusCode);
        Assert.Equal(1, await Bot.Service<Scheduler>().DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None));
        await WaitUntilNoWorkIsLeftAsync();

        // Another win featured later in November schedules the month's job again for 1 December; when it
        // fires, the ledger has run that month already: nobody gets a second November digest.
        await FeatureAsync("p16", "p15");
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 1, TimeSpan.Zero));
        Assert.Equal(1, await Bot.Service<Scheduler>().DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None));
        await WaitUntilNoWorkIsLeftAsync();

        foreach (var person in audience)
        {
            var digest = Assert.Single(CardsTo(person, "Managers' wins, November 2026"));
            Assert.Contains("Pradeep Gupta", digest.CardText, StringComparison.Ordinal);
            Assert.Contains("What we heard from managers", digest.CardText, StringComparison.Ordinal);
            Assert.Contains("How manageable is your workload?", digest.CardText, StringComparison.Ordinal);
            Assert.Contains("Will the hiring freeze affect backfills?", digest.CardText, StringComparison.Ordinal);
        }

        foreach (var person in outside)
        {
            Assert.Empty(CardsTo(person, "Managers' wins"));
        }

        Assert.True(Connector.CardSchemaErrors.IsEmpty, string.Join("\n", Connector.CardSchemaErrors));
    }

    [Fact]
    public async Task A_month_without_featured_wins_sends_no_digest()
    {
        await InstallAsync("p12", "p13");
        await NominateAsync("p13", "p14");
        using var hr = ClientAs("p05");
        using var sent = await hr.PostAsync("/api/recognition/digest/2026-11/send", null);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(1, await Bot.Service<Scheduler>().DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None));
        await WaitUntilNoWorkIsLeftAsync();

        Assert.Empty(CardsTo("p12", "Managers' wins"));
        Assert.Empty(CardsTo("p13", "Managers' wins"));
    }
}
