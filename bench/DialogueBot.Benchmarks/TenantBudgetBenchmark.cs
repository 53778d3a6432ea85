using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DialogueBot.Conversations;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Testing;
using DialogueBot.Testing.Faults;

namespace DialogueBot.Benchmarks;

/// <summary>
/// Issue 14's benchmark: <c>instances</c> bots (each its own host: its own worker, budget share and Connector
/// client) on one private Azurite fan a managers' pulse out to N recipients, a third of them not installed
/// (the test installer "installs" them: the messenger then creates their chat on the Connector stub), while
/// the stub answers 5 % of requests 429 (Retry-After 1 s). Prints the aggregated rate on the wire against the
/// tenant budget, the worst one-second window, duplicates and lost cards, beside the limit's ideal time.
/// </summary>
public static class TenantBudgetBenchmark
{
    public static async Task RunAsync(int recipients, int ratePerSecond, int instances)
    {
        Console.WriteLine($"== Tenant budget: {instances} instances, {recipients} recipients (a third not installed), 5% 429s, tenant limit {ratePerSecond}/s");
        await using var storage = await Azurite.StartAsync();
        await using var connector = await ConnectorStub.StartAsync();
        var prefix = BotAppFactory.NewPrefix();
        var bots = new List<BotAppFactory>();
        for (var i = 0; i < instances; i++)
        {
            bots.Add(await BotAppFactory.StartAsync(new BotAppOptions
            {
                Connector = connector,
                StorageConnectionString = storage.ConnectionString,
                Prefix = prefix,
                SeedDemoOrg = false,
                ConfigureServices = s => StubInstaller.Register(s, connector),
                Settings =
                {
                    ["Pulse:RespectQuietHours"] = "false",
                    ["Proactive:TenantSendsPerSecond"] = ratePerSecond.ToString(CultureInfo.InvariantCulture),
                    ["Work:Concurrency"] = "32", // items wait for their slot while the others make their storage calls
                    ["Work:MaxAttempts"] = "50",
                    ["Work:VisibilityTimeout"] = "00:01:00",
                    // The test kit re-reads the org chart on every use; a real instance caches it.
                    ["Org:CacheDuration"] = "00:10:00",
                    ["Logging:LogLevel:Default"] = "Error",
                },
            }));
        }

        try
        {
            await PrepareAsync(bots[0], connector, recipients);
            connector.ThrottleProbability = 0.05;
            connector.InjectedRetryAfter = TimeSpan.FromSeconds(1);
            var started = DateTimeOffset.UtcNow;
            var stopwatch = Stopwatch.StartNew();
            var now = DateTimeOffset.UtcNow;
            await bots[0].Service<PulseService>().CreateAsync(new PulseDraft { Title = "Bench", Questions = [new QuestionDraft("rating", "How is it going?")], Audience = new AudienceDraft(ManagersOnly: true), OpensAt = now, ClosesAt = now.AddDays(3) }, CancellationToken.None);

            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(30);
            var reported = DateTime.UtcNow;
            while (DateTime.UtcNow < deadline && Delivered(connector).Count < recipients)
            {
                await Task.Delay(250);
                if (DateTime.UtcNow - reported > TimeSpan.FromSeconds(15))
                {
                    Console.WriteLine($"  … {Delivered(connector).Count} delivered after {stopwatch.Elapsed.TotalSeconds:0} s");
                    reported = DateTime.UtcNow;
                }
            }

            var elapsed = stopwatch.Elapsed;
            await Task.Delay(3000); // anything duplicated or late arrives now
            Report(connector, started, elapsed, recipients, ratePerSecond);
        }
        finally
        {
            foreach (var bot in bots)
            {
                await bot.DisposeAsync();
            }
        }
    }

    /// <summary>The org chart (one executive, N managers) and a conversation reference for two recipients in three.</summary>
    private static async Task PrepareAsync(BotAppFactory bot, ConnectorStub connector, int recipients)
    {
        var csv = new StringBuilder("id,aadObjectId,email,name,managerId,orgUnit,role\nceo,00000000-0000-4000-8000-000000000000,ceo@bench.example,Chief,,Exec,executive;hr\n");
        for (var i = 1; i <= recipients; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"m{i},{Aad(i)},m{i}@bench.example,Manager {i},ceo,Unit{i % 50},manager\n");
        }

        await bot.ImportOrgAsync(csv.ToString());
        var references = bot.Service<ConversationReferenceRepository>();
        await Parallel.ForEachAsync(Enumerable.Range(1, recipients).Where(i => i % 3 != 0), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var user = new TeamsUser(Aad(i), $"Manager {i}", connector.ServiceUrl);
            await references.SaveFromActivityAsync(user.AadObjectId, user.Message("hi"), ct);
        });
    }

    private static void Report(ConnectorStub connector, DateTimeOffset started, TimeSpan elapsed, int recipients, int rate)
    {
        var wire = connector.Requests.Where(r => r.At >= started && r.Method == "POST" && (r.Path.EndsWith("/activities", StringComparison.Ordinal) || r.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal))).Select(r => r.At).OrderBy(t => t).ToList();
        var delivered = Delivered(connector);
        var cards = delivered.Values.Sum();
        var creates = connector.Requests.Count(r => r.At >= started && r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal));
        var throttled = wire.Count - cards - creates;
        var span = wire.Count > 1 ? (wire[^1] - wire[0]).TotalSeconds : elapsed.TotalSeconds;
        var needed = recipients + (recipients / 3); // a send each, and a chat to create for those installed by the bot
        Console.WriteLine($"delivered:        {delivered.Count} of {recipients} ({recipients / 3} installed by the bot, {creates} chats created)");
        Console.WriteLine($"duplicates:       {cards - delivered.Count}");
        Console.WriteLine($"lost:             {recipients - delivered.Count}");
        Console.WriteLine($"requests on wire: {wire.Count} ({throttled} answered 429)");
        Console.WriteLine($"elapsed:          {elapsed.TotalSeconds:0.0} s to the last card; ideal at the limit: {needed / (double)rate:0.0} s ({needed} requests / {rate}/s)");
        Console.WriteLine($"aggregated rate:  {wire.Count / span:0.0} requests/s on the wire = {wire.Count / span / rate:P0} of the tenant budget; cards {cards / span:0.0}/s");
        Console.WriteLine($"worst 1-s window: {WorstSecond(wire)} requests (limit {rate}, +10 % = {rate * 1.1:0})");
    }

    private static int WorstSecond(IReadOnlyList<DateTimeOffset> sorted)
    {
        var worst = 0;
        var start = 0;
        for (var end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= TimeSpan.FromSeconds(1))
            {
                start++;
            }

            worst = Math.Max(worst, end - start + 1);
        }

        return worst;
    }

    private static Dictionary<string, int> Delivered(ConnectorStub connector) =>
        connector.Activities.Where(a => a.Kind == ActivityKinds.Send && IsPulseCard(a)).GroupBy(a => a.ConversationId).ToDictionary(g => g.Key, g => g.Count());

    private static bool IsPulseCard(ReceivedActivity a) =>
        a.Card.ValueKind == JsonValueKind.Object && a.Card.TryGetProperty("fallbackText", out var f) && (f.GetString() ?? "").StartsWith("Pulse:", StringComparison.Ordinal);

    private static string Aad(int i) => $"b0000000-0000-4000-8000-{i:D12}";
}
