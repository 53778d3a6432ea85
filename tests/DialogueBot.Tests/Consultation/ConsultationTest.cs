using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Model;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Consultation;

/// <summary>
/// Base for consultation tests: the real bot on Azurite with the demo org and no close grace (tests end windows
/// themselves), and helpers that act as Teams (card presses) and as the executive's management tab (the API).
/// </summary>
public abstract class ConsultationTest : BotTest
{
    /// <summary>Megan Bowen (p01), CEO: drafts and runs consultations.</summary>
    protected const string MeganAad = "00000000-0000-0000-0000-0000000000021";

    protected static IReadOnlyList<OrgPerson> Managers { get; } =
        DemoUsers.All.Where(p => p.IsActive && p.Roles.HasFlag(OrgRole.Manager)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    protected static OrgPerson Person(string id) => DemoUsers.All.Single(p => p.Id == id);

    protected override BotAppOptions Configure(BotAppOptions options) => options with
    {
        Settings = new Dictionary<string, string?> { ["Consultation:CloseGrace"] = "00:00:00" },
    };

    protected HttpClient Api(string aadObjectId = MeganAad)
    {
        var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", aadObjectId);
        return client;
    }

    public static object Draft(string[]? units = null, int[]? levels = null, string title = "Four-day office week") => new
    {
        title,
        proposal = "Teams work from the office Monday to Thursday.",
        context = "Collaboration scores dropped two pulses in a row.",
        optionsConsidered = "Three days chosen by each team.",
        constraints = "Desk capacity in Manchester.",
        openToInput = "Which days, and exceptions.",
        notOpenToInput = "Whether office time increases.",
        units = units ?? [],
        levels = levels ?? [],
        closesAt = DateTimeOffset.UtcNow.AddDays(5),
    };

    protected async Task<string> CreateAsync(object? draft = null)
    {
        using var client = Api();
        using var response = await client.PostAsJsonAsync("/api/consultations", draft ?? Draft());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    protected async Task InstallAsync(IEnumerable<OrgPerson> people)
    {
        foreach (var person in people)
        {
            await Bot.SendAsync(DemoUsers.Of(person, Connector.ServiceUrl).Install());
        }
    }

    protected Task<JsonElement> PressAsync(OrgPerson person, string verb, object data) =>
        Bot.InvokeCardAsync(DemoUsers.Of(person, Connector.ServiceUrl).Execute(verb, data));

    protected Task<JsonElement> RateAsync(OrgPerson person, string id, int support, int impact) =>
        PressAsync(person, "consult.rate", new { consultationId = id, support = support.ToString(System.Globalization.CultureInfo.InvariantCulture), impact = impact.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    protected Task<JsonElement> RaiseAsync(OrgPerson person, string id, string text, bool anonymous = true, string kind = "concern", bool force = true) =>
        PressAsync(person, "consult.raise", new { consultationId = id, submitId = Guid.NewGuid().ToString("N"), kind, text, anonymous = anonymous ? "true" : "false", force });

    protected Task<JsonElement> VoteAsync(OrgPerson person, string id, string concernId, bool on = true) =>
        PressAsync(person, "consult.vote", new { consultationId = id, concernId, on });

    /// <summary>Ends the input window through the API and waits until the ratings are counted.</summary>
    protected async Task EndAndPublishAsync(string id)
    {
        using var client = Api();
        using var response = await client.PostAsync($"/api/consultations/{id}/end", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await WaitUntilAsync(async () => (await Bot.Service<ConsultationRepository>().FindAsync(id, CancellationToken.None))?.Status == ConsultationStatus.Reviewing);
    }

    protected async Task<JsonElement> GetJsonAsync(string path, string asUser = MeganAad)
    {
        using var client = Api(asUser);
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    protected static bool IsBrief(ReceivedActivity a) => FallbackStartsWith(a, "Consultation:");

    protected static bool IsOutcome(ReceivedActivity a) => FallbackStartsWith(a, "Consultation outcome:");

    private static bool FallbackStartsWith(ReceivedActivity a, string prefix) =>
        a.Kind == ActivityKinds.Send && a.Card.ValueKind == JsonValueKind.Object && a.Card.TryGetProperty("fallbackText", out var f) && f.GetString()!.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>Every queued work item has been handled (the count includes items claimed and in flight).</summary>
    protected async Task WaitForQueueDrainedAsync() =>
        await WaitUntilAsync(async () => (await Bot.Service<AppStorage>().Queue(WorkQueue.QueueName).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, seconds: 30);

    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time.");
            }

            await Task.Delay(50);
        }
    }

    protected static string Text(JsonElement card) => CardTexts.Of(card);
}
