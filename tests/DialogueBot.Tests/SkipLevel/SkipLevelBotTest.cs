using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Insights;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>
/// The real bot on Azurite with the connector stub and a clock the test moves. Pulse and question insights
/// are test doubles registered through <see cref="BotAppOptions.ConfigureServices"/>: the real pulse feature
/// guarantees its themes passed the anonymity threshold; here we check the agenda shows what it returns.
/// </summary>
public abstract class SkipLevelBotTest : BotTest
{
    public const string PattiHr = "00000000-0000-0000-0000-0000000000024";
    public const string AdeleManager = "00000000-0000-0000-0000-0000000000022";

    /// <summary>Monday 23 November 2026, 08:00 UTC (London is on UTC in winter).</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    protected TestPulseInsights Pulses { get; } = new();

    protected TestQuestionInsights Questions { get; } = new();

    protected override BotAppOptions Configure(BotAppOptions options) => options with
    {
        Time = Clock,
        ConfigureServices = services =>
        {
            services.AddSingleton<IPulseInsights>(Pulses);
            services.AddSingleton<IQuestionInsights>(Questions);
        },
    };

    /// <summary>Engineering only, executives lead: Nestor (p02) meets p12–p17 over four weeks from 7 December.</summary>
    protected static object EngineeringProgramme(string name = "Winter skip-levels") => new
    {
        name,
        scopeUnits = new[] { "Engineering" },
        executivesLead = true,
        cadenceWeeks = 4,
        meetingMinutes = 30,
        startDate = "2026-12-07",
        endDate = "2027-03-31",
        perWeekCap = 2,
        timeZone = "Europe/London",
    };

    protected HttpClient ClientAs(string aadObjectId)
    {
        var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", aadObjectId);
        return client;
    }

    protected async Task<string> CreateAndLaunchAsync(object? programme = null)
    {
        using var hr = ClientAs(PattiHr);
        using var created = await hr.PostAsJsonAsync("/api/skiplevel/programmes", programme ?? EngineeringProgramme());
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("programme").GetProperty("id").GetString()!;
        using var launched = await hr.PostAsync($"/api/skiplevel/programmes/{id}/launch?cycle=1", null);
        Assert.Equal(System.Net.HttpStatusCode.OK, launched.StatusCode);
        return id;
    }

    protected async Task InstallAsync(params string[] personIds)
    {
        foreach (var id in personIds)
        {
            await Bot.SendAsync(User(id).Install());
        }

        await Connector.WaitUntilAsync(c => c.Activities.Count >= personIds.Length);
    }

    protected async Task<int> AdvanceToAsync(DateTimeOffset when)
    {
        Clock.SetUtcNow(when);
        return await Bot.Service<Scheduler>().DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
    }

    protected static string Heading(ReceivedActivity activity) =>
        activity.Card.ValueKind == JsonValueKind.Object ? activity.Card.GetProperty("body")[0].GetProperty("text").GetString() ?? "" : "";

    protected IReadOnlyList<ReceivedActivity> CardsTo(string personId, string headingStart) =>
        Connector.ActivitiesIn(User(personId).ConversationId).Where(a => Heading(a).StartsWith(headingStart, StringComparison.Ordinal)).ToList();

    protected int CountHeadings(string headingStart) => Connector.Activities.Count(a => Heading(a).StartsWith(headingStart, StringComparison.Ordinal));

    protected Task<SkipLevelPairEntity?> PairAsync(string programmeId, string leaderId, string managerId) =>
        Bot.Service<SkipLevelPairRepository>().FindAsync(programmeId, 1, SkipLevelPairEntity.PairIdFor(leaderId, managerId), CancellationToken.None);

    protected static object PairData(string programmeId, string leaderId, string managerId, object? inputs = null)
    {
        var data = new Dictionary<string, object?>
        {
            ["programmeId"] = programmeId,
            ["cycle"] = 1,
            ["pairId"] = SkipLevelPairEntity.PairIdFor(leaderId, managerId),
        };
        if (inputs is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(inputs).EnumerateObject())
            {
                data[property.Name] = property.Value.GetString();
            }
        }

        return data;
    }
}

public sealed class TestPulseInsights : IPulseInsights
{
    public Dictionary<string, List<PulseTheme>> ByUnit { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<IReadOnlyList<PulseTheme>> LatestThemesAsync(string orgUnit, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PulseTheme>>(ByUnit.TryGetValue(orgUnit, out var themes) ? themes.Take(max).ToList() : []);
}

public sealed class TestQuestionInsights : IQuestionInsights
{
    public Dictionary<string, List<OpenQuestion>> ByUnit { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<IReadOnlyList<OpenQuestion>> TopOpenQuestionsAsync(string orgUnit, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenQuestion>>(ByUnit.TryGetValue(orgUnit, out var questions) ? questions.Take(max).ToList() : []);
}
