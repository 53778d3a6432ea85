using System.Text.Json;
using DialogueBot.Demo;
using DialogueBot.Org;
using DialogueBot.Testing;
using Xunit.Abstractions;

namespace DialogueBot.Tests.Faults;

/// <summary>
/// Issue 7 with real OS processes (the built DialogueBot.dll, see <see cref="BotProcess"/>) instead of
/// in-process hosts: one SIGKILLed in the middle of a pulse fan-out and replaced, and three running
/// scheduler and worker side by side on one Azurite and prefix.
/// </summary>
public sealed class ProcessKillTests(ITestOutputHelper output)
{
    private const string PattiHr = "00000000-0000-0000-0000-0000000000024";

    /// <summary>Items one process handles at once: at most this many sends can be in flight when it dies.</summary>
    private const int Concurrency = 4;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    private static IReadOnlyList<OrgPerson> Managers { get; } =
        DemoUsers.All.Where(p => p.IsActive && p.Roles.HasFlag(OrgRole.Manager) && p.AadObjectId is not null).ToList();

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Work:Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // A killed process's received messages and ledger claims come back after this; short so the test
        // does not wait long, long enough that no live send (600 ms here) outlasts its claim.
        ["Work:VisibilityTimeout"] = "00:00:08",
        ["Work:MaxAttempts"] = "50",
        ["Work:MaxRetryDelay"] = "00:00:02",

        // A fresh deployment's chart is empty, so nobody is HR yet: name the operator who imports the first one.
        ["Org:BootstrapImporters:0"] = PattiHr,
    };

    private static bool IsPulseCard(ReceivedActivity a) =>
        a.Kind == ActivityKinds.Send && a.Card.ValueKind == JsonValueKind.Object &&
        a.Card.TryGetProperty("fallbackText", out var f) && f.GetString()!.StartsWith("Pulse:", StringComparison.Ordinal);

    private static object ManagersPulse(DateTimeOffset? opensAt = null) => new
    {
        title = "Strategy check-in",
        questions = new object[]
        {
            new { kind = "rating", text = "I understand our strategy." },
            new { kind = "text", text = "Anything else?", required = false },
        },
        audience = new { managersOnly = true },
        opensAt,
        closesAt = DateTimeOffset.UtcNow.AddDays(3),
    };

    private static async Task InstallEveryoneAsync(BotProcess bot, ConnectorStub connector)
    {
        await bot.ImportOrgAsync(DemoSeeder.DemoOrgCsv(), PattiHr);
        foreach (var person in DemoUsers.All.Where(p => p.AadObjectId is not null))
        {
            await bot.SendAsync(DemoUsers.Of(person, connector.ServiceUrl).Install());
        }
    }

    private static Dictionary<string, int> PulseCardsPerConversation(ConnectorStub connector) =>
        connector.Activities.Where(IsPulseCard).GroupBy(a => a.ConversationId).ToDictionary(g => g.Key, g => g.Count());

    private static HashSet<string> AudienceConversations(ConnectorStub connector) =>
        Managers.Select(p => DemoUsers.Of(p, connector.ServiceUrl).ConversationId).ToHashSet();

    [Fact]
    public async Task A_bot_process_killed_mid_fan_out_and_a_new_one_started_lose_nothing_and_duplicate_at_most_the_sends_in_flight()
    {
        await using var storage = await Azurite.StartAsync();
        await using var connector = await ConnectorStub.StartAsync();
        var prefix = BotAppFactory.NewPrefix();
        var audience = AudienceConversations(connector);
        await using var first = await BotProcess.StartAsync("killed", storage.ConnectionString, prefix, connector, Settings());
        await InstallEveryoneAsync(first, connector);

        connector.Latency = TimeSpan.FromMilliseconds(600); // Concurrency sends per 600 ms: the fan-out takes seconds
        await first.PostJsonAsync("/api/pulses", ManagersPulse(), PattiHr);
        await connector.WaitUntilAsync(c => c.Activities.Count(IsPulseCard) >= audience.Count / 3, Timeout);
        await first.KillAsync();
        var atKill = connector.Activities.Count(IsPulseCard);
        Assert.True(atKill < audience.Count, "the fan-out finished before the kill; nothing was tested");

        await using var second = await BotProcess.StartAsync("restarted", storage.ConnectionString, prefix, connector, Settings());
        await connector.WaitUntilAsync(_ => audience.All(PulseCardsPerConversation(connector).ContainsKey), Timeout);
        await Task.Delay(TimeSpan.FromSeconds(2)); // anything sent twice arrives by now

        var counts = PulseCardsPerConversation(connector);
        var duplicates = counts.Values.Sum(n => n - 1);
        output.WriteLine($"Pulse cards at the kill: {atKill}/{audience.Count}; after the restart every one of {audience.Count} has it; duplicates: {duplicates} (bound: {Concurrency} in flight).");
        Assert.DoesNotContain(audience, c => !counts.ContainsKey(c)); // nothing lost
        Assert.DoesNotContain(counts.Keys, c => !audience.Contains(c)); // nobody outside the audience
        // At-least-once by design (docs/architecture.md, "Reliability rules"): a send Teams accepted whose
        // delivery record and ledger entry the killed process never wrote is sent again by the new one, and
        // Teams offers no idempotency key for proactive messages to let it drop the second. Only a send
        // awaiting Teams' answer at the kill can be such a send, and a process holds at most Work:Concurrency
        // items, so that bounds the duplicates (runs on this machine have seen 0). Answers are deduplicated by
        // participation, so a duplicate card can never count twice.
        Assert.InRange(duplicates, 0, Concurrency);
        Assert.Empty(connector.CardSchemaErrors);
    }

    [Fact]
    public async Task Three_bot_processes_on_one_storage_open_a_scheduled_pulse_once_and_send_each_manager_exactly_one_card()
    {
        await using var storage = await Azurite.StartAsync();
        await using var connector = await ConnectorStub.StartAsync();
        var prefix = BotAppFactory.NewPrefix();
        var audience = AudienceConversations(connector);
        var started = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => BotProcess.StartAsync($"trio{i}", storage.ConnectionString, prefix, connector, Settings())));
        try
        {
            await InstallEveryoneAsync(started[0], connector);

            // In the future so that the open is the schedulers' job, raced by all three.
            var created = await started[1].PostJsonAsync("/api/pulses", ManagersPulse(DateTimeOffset.UtcNow.AddSeconds(3)), PattiHr);
            Assert.DoesNotContain(connector.Activities, IsPulseCard);
            output.WriteLine($"Pulse {created.GetProperty("id").GetString()} opens at {created.GetProperty("opensAt").GetString()}.");

            await connector.WaitUntilAsync(_ => audience.All(PulseCardsPerConversation(connector).ContainsKey), Timeout);
            await Task.Delay(TimeSpan.FromSeconds(3)); // anything sent twice arrives by now

            var counts = PulseCardsPerConversation(connector);
            Assert.Equal(audience.OrderBy(c => c, StringComparer.Ordinal), counts.Keys.OrderBy(c => c, StringComparer.Ordinal));
            Assert.All(counts, c => Assert.Equal(1, c.Value));
            Assert.Empty(connector.CardSchemaErrors);
            Assert.All(started, p => Assert.False(p.HasExited, "a bot process died"));
        }
        finally
        {
            foreach (var process in started)
            {
                await process.DisposeAsync();
            }
        }
    }
}
