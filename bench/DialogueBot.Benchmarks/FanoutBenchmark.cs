using System.Diagnostics;
using System.Text;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Conversations;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Testing;

namespace DialogueBot.Benchmarks;

/// <summary>
/// A pulse to N installed managers through the real queue, worker, ledger and rate limiter, against the
/// local Connector stub answering 5 % of sends with 429 (Retry-After 1 s). Prints delivered, duplicates,
/// lost, and the achieved send rate against the configured limit.
/// </summary>
public static class FanoutBenchmark
{
    public static async Task RunAsync(int recipients, int ratePerSecond)
    {
        Console.WriteLine($"== Fan-out: {recipients} recipients, 5% 429s, limit {ratePerSecond}/s per instance");
        await using var connector = await ConnectorStub.StartAsync();
        await using var bot = await BotAppFactory.StartAsync(new BotAppOptions
        {
            Connector = connector,
            SeedDemoOrg = false,
            Settings =
            {
                ["Pulse:RespectQuietHours"] = "false",

                ["Proactive:TenantSendsPerSecond"] = ratePerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Work:Concurrency"] = "32",
                ["Work:MaxAttempts"] = "50",
                // The test kit re-reads the org chart on every use; a real instance caches it (10,000 rows per send otherwise).
                ["Org:CacheDuration"] = "00:10:00",
            },
        });

        var csv = new StringBuilder("id,aadObjectId,email,name,managerId,orgUnit,role\nceo,00000000-0000-4000-8000-000000000000,ceo@bench.example,Chief,,Exec,executive;hr\n");
        for (var i = 1; i <= recipients; i++)
        {
            csv.Append($"m{i},{Aad(i)},m{i}@bench.example,Manager {i},ceo,Unit{i % 50},manager\n");
        }

        await bot.ImportOrgAsync(csv.ToString());
        var references = bot.Service<ConversationReferenceRepository>();
        await Parallel.ForEachAsync(Enumerable.Range(1, recipients), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var user = new TeamsUser(Aad(i), $"Manager {i}", connector.ServiceUrl);
            await references.SaveFromActivityAsync(user.AadObjectId, user.Message("hi"), ct);
        });

        connector.ThrottleProbability = 0.05;
        connector.InjectedRetryAfter = TimeSpan.FromSeconds(1);
        var stopwatch = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        await bot.Service<PulseService>().CreateAsync(new PulseDraft { Title = "Bench", Questions = [new QuestionDraft("rating", "How is it going?")], Audience = new AudienceDraft(ManagersOnly: true), OpensAt = now, ClosesAt = now.AddDays(3) }, CancellationToken.None);

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        var reported = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && Delivered(connector).Count < recipients)
        {
            await Task.Delay(500);
            if (DateTime.UtcNow - reported > TimeSpan.FromSeconds(10))
            {
                Console.WriteLine($"  … {Delivered(connector).Count} delivered after {stopwatch.Elapsed.TotalSeconds:0} s");
                reported = DateTime.UtcNow;
            }
        }

        var elapsed = stopwatch.Elapsed;
        await Task.Delay(3000); // anything duplicated or late arrives now
        var delivered = Delivered(connector);
        var sends = delivered.Values.Sum();
        var throttled = connector.Requests.Count(r => r.Method == "POST" && r.Segments.Length == 4 && r.Segments[3] == "activities") - sends;
        Console.WriteLine($"delivered:   {delivered.Count} of {recipients}");
        Console.WriteLine($"duplicates:  {sends - delivered.Count}");
        Console.WriteLine($"lost:        {recipients - delivered.Count}");
        Console.WriteLine($"429s seen:   {throttled}");
        Console.WriteLine($"elapsed:     {elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"achieved:    {sends / elapsed.TotalSeconds:0.0} sends/s (limit {ratePerSecond}/s per instance)");
    }

    private static Dictionary<string, int> Delivered(ConnectorStub connector) =>
        connector.Activities.Where(a => a.Kind == ActivityKinds.Send).GroupBy(a => a.ConversationId).ToDictionary(g => g.Key, g => g.Count());

    private static string Aad(int i) => $"b0000000-0000-4000-8000-{i:D12}";
}
