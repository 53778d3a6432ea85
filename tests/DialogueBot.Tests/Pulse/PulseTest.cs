using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Org;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Runs;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>
/// Base for pulse tests: the real bot on Azurite with the demo org, quiet hours off (tests run at any hour),
/// no grace at close (tests close runs themselves), and helpers that act as Teams and as an HR caller would.
/// </summary>
public abstract class PulseTest : BotTest
{
    /// <summary>A host of its own for every test.</summary>
    protected PulseTest()
    {
    }

    /// <summary>One host for the class (its <see cref="SharedBot"/> fixture), handed over clean to every test.</summary>
    protected PulseTest(SharedBot shared)
        : base(shared)
    {
    }

    public const string PattiAad = "00000000-0000-0000-0000-0000000000024";
    public const string MeganAad = "00000000-0000-0000-0000-0000000000021";
    public const string AdeleAad = "00000000-0000-0000-0000-0000000000022";

    protected static IReadOnlyList<OrgPerson> Managers { get; } =
        DemoUsers.All.Where(p => p.IsActive && p.Roles.HasFlag(OrgRole.Manager)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    public static Dictionary<string, string?> PulseSettings() => new()
    {
        ["Pulse:RespectQuietHours"] = "false",
    };

    protected override BotAppOptions Configure(BotAppOptions options) => options with { Settings = PulseSettings() };

    public static object EngagementPulse(string title = "Strategy check-in", object? audience = null, int days = 3) => new
    {
        title,
        questions = new object[]
        {
            new { kind = "rating", text = "I understand our strategy." },
            new { kind = "enps", text = "How likely are you to recommend working here?" },
            new { kind = "singleChoice", text = "What needs more explanation?", choices = new[] { "Strategy", "Priorities", "Decisions" } },
            new { kind = "text", text = "Anything else?", required = false },
        },
        audience = audience ?? new { managersOnly = true },
        closesAt = DateTimeOffset.UtcNow.AddDays(days),
    };

    protected async Task<HttpResponseMessage> PostPulseAsync(object body, string asUser = PattiAad)
    {
        using var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", asUser);
        return await client.PostAsJsonAsync("/api/pulses", body);
    }

    /// <summary>Creates a pulse through the API and waits until its first run is open.</summary>
    protected async Task<(string PulseId, string RunId)> CreateOpenPulseAsync(object? body = null)
    {
        using var response = await PostPulseAsync(body ?? EngagementPulse());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var created = JsonDocument.Parse(text).RootElement;
        var runId = created.GetProperty("runId").GetString()!;
        await WaitUntilAsync(async () => (await Bot.Service<PulseRunRepository>().FindAsync(runId, CancellationToken.None))?.Status == RunStatus.Open);
        return (created.GetProperty("id").GetString()!, runId);
    }

    protected async Task InstallAsync(IEnumerable<OrgPerson> people)
    {
        foreach (var person in people)
        {
            await Bot.SendAsync(DemoUsers.Of(person, Connector.ServiceUrl).Install());
        }
    }

    public static Dictionary<string, object?> Answers(string runId, int rating, int enps, int choice, string? text = null, int version = 1)
    {
        var data = new Dictionary<string, object?> { ["runId"] = runId, ["v"] = version, ["q1"] = rating.ToString(System.Globalization.CultureInfo.InvariantCulture), ["q2"] = enps.ToString(System.Globalization.CultureInfo.InvariantCulture), ["q3"] = choice.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (text is not null)
        {
            data["q4"] = text;
        }

        return data;
    }

    /// <summary>Presses "Send anonymously" as <paramref name="person"/>; returns the card that replaces the pulse.</summary>
    protected Task<JsonElement> AnswerAsync(OrgPerson person, object data) =>
        Bot.InvokeCardAsync(DemoUsers.Of(person, Connector.ServiceUrl).Execute("pulse.answer", data));

    /// <summary>Whether the run holds a participation mark for the person: false once the run is published and its key destroyed.</summary>
    protected async Task<bool> HasAnsweredAsync(string runId, OrgPerson person)
    {
        var runKey = await Bot.Service<DialogueBot.Infrastructure.Anonymity.ScopeKeys.IScopeKeyStore>().FindAsync(runId, CancellationToken.None);
        return runKey is not null && await Bot.Service<DialogueBot.Pulse.Submissions.PulseSubmissionRepository>().HasAnsweredAsync(runKey, person.AadObjectId!, CancellationToken.None);
    }

    protected async Task CloseAsync(string runId) =>
        Assert.True(await Bot.Service<PulseService>().CloseAsync(runId, CancellationToken.None));

    protected async Task<HttpResponseMessage> GetResultsAsync(string pulseId, string? filter = null, string asUser = MeganAad, string? format = null)
    {
        using var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", asUser);
        var query = new List<string>();
        if (filter is not null)
        {
            query.Add("filter=" + Uri.EscapeDataString(filter));
        }

        if (format is not null)
        {
            query.Add("format=" + format);
        }

        return await client.GetAsync($"/api/pulses/{pulseId}/results" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
    }

    protected async Task<JsonElement> ResultsAsync(string pulseId, string? filter = null)
    {
        using var response = await GetResultsAsync(pulseId, filter);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    protected static string Text(JsonElement card) => CardTexts.Of(card);

    protected static bool IsPulseCard(ReceivedActivity a) => a.Kind == ActivityKinds.Send && a.Card.ValueKind == JsonValueKind.Object && a.Card.TryGetProperty("fallbackText", out var f) && f.GetString()!.StartsWith("Pulse:", StringComparison.Ordinal);

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
}
