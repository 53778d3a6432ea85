using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Help;
using DialogueBot.Pulse.Cards;
using DialogueBot.Testing;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// Runs the benchmark: Azurite (private, in memory), the Connector sink, a local token issuer, and the served
/// bot and bare endpoint in a child process; then every measurement in turn (see <see cref="Report"/>), and
/// prints one table.
/// </summary>
public static class Driver
{
    private const string ThankYou = "Thank you, your answers are in";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"DialogueBot benchmark: {Environment.ProcessorCount} cores; load before start: {Load()}.");
        await using var azurite = await Azurite.StartAsync();
        await using var sink = await ConnectorSink.StartAsync(FreePort.Next());
        await using var issuer = await OpenIdStub.StartAsync();
        var (botPort, barePort) = (FreePort.Next(), FreePort.Next());
        using var server = StartServer(azurite.ConnectionString, botPort, barePort, issuer.MetadataUrl);
        var report = new Report(options);
        var azuriteCpu = ProcessCpu.Find($"--tablePort {azurite.TablePort} ");
        try
        {
            using var client = LoadGenerator.Client(options.Connections);
            using var control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{barePort}/"), Timeout = TimeSpan.FromMinutes(30) };
            var bot = new Uri($"http://127.0.0.1:{botPort}/api/messages");
            var bare = new Uri($"http://127.0.0.1:{barePort}/bare");
            await WaitUntilReadyAsync(client, botPort);
            // One channel token for every request, as the Bot Connector reuses its token for its lifetime.
            var token = issuer.Issue(new TokenSpec { Audience = BotServer.AppId, ServiceUrl = sink.ServiceUrl });
            var mix = new ActivityMix(sink.ServiceUrl);
            var helpPress = Encoding.UTF8.GetBytes(BotJson.Serialize(DemoUsers.Alex(sink.ServiceUrl).Execute(HelpCard.ShowVerb)));
            byte[] empty = "{}"u8.ToArray();

            Console.WriteLine("Warming up…");
            var handled = (await LoadGenerator.RunAsync(client, bot, mix.Next, options.Connections, null, 3_000, token)).Requests;
            handled += (await LoadGenerator.RunAsync(client, bot, () => helpPress, options.Connections, null, 3_000, token)).Requests;
            await LoadGenerator.RunAsync(client, bare, () => empty, options.Connections, null, 3_000);

            Console.WriteLine("Protocol overhead: the bare endpoint, then a card invoke with no storage (JWT on)…");
            var cpu = await CpuAsync(control);
            report.Bare = await LoadGenerator.RunAsync(client, bare, () => empty, options.Connections, options.Duration, null);
            report.BareCpuMs = await CpuAsync(control) - cpu;
            await TakeStorageAsync(control);
            cpu = await CpuAsync(control);
            report.Invoke = await LoadGenerator.RunAsync(client, bot, () => helpPress, options.Connections, options.Duration, null, token);
            report.InvokeCpuMs = await CpuAsync(control) - cpu;
            report.InvokeStorage = await TakeStorageAsync(control);
            handled += report.Invoke.Requests;
            Console.WriteLine("The activity mix (JWT on)…");
            report.Mix = await LoadGenerator.RunAsync(client, bot, mix.Next, options.Connections, options.Duration, null, token);
            handled += report.Mix.Requests;

            var remaining = options.TotalActivities - handled;
            if (remaining > 0)
            {
                Console.WriteLine($"Sending {remaining:N0} more activities to reach {options.TotalActivities:N0}…");
                var rest = await LoadGenerator.RunAsync(client, bot, mix.Next, options.Connections, null, remaining, token);
                handled += rest.Requests;
                report.MemoryRunFailures = rest.Failures;
            }

            report.Activities = handled;
            report.Replies = sink.Received;
            report.Memory = await control.GetFromJsonAsync<MemoryFigures>("bench/memory");
            report.Collected = await control.GetFromJsonAsync<MemoryFigures>("bench/memory?collect=true");

            Console.WriteLine($"Importing {options.BurstPeople:N0} + {options.WholePulsePeople:N0} managers…");
            await PostAsync<int>(control, $"bench/org?burst={options.BurstPeople}&whole={options.WholePulsePeople}&serviceUrl={Uri.EscapeDataString(sink.ServiceUrl)}");
            await Task.Delay(1000);

            await BurstAsync(options, report, control, bot, token, sink.ServiceUrl, azuriteCpu);
            await WholePulseAsync(options, report, control, client, bot, token, sink);

            Console.WriteLine($"Publication: seeding {options.Pending:N0} pending answers the way answering writes them…");
            var publication = await PostAsync<RunIds>(control, $"bench/run/open?unit={PulseFixture.BurstUnit}");
            report.PendingSeed = await PostAsync<TimedCount>(control, $"bench/run/pending?runId={publication.RunId}&count={options.Pending}");
            Console.WriteLine("Publication: closing the run…");
            report.Publication = await PostAsync<CloseFigures>(control, $"bench/run/close?runId={publication.RunId}");

            Console.WriteLine($"Results: aggregates of {options.Responses:N0} responses…");
            var results = await PostAsync<RunIds>(control, $"bench/results/seed?responses={options.Responses}");
            report.Results = await PostAsync<ResultsFigures>(control, $"bench/results/read?pulseId={results.PulseId}&runId={results.RunId}&times=9");

            report.LoadAfter = Load();
            report.Print();
            return report.Failures == 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>Answers at each fixed rate, every one from a different person of the Burst unit, into one open run.</summary>
    private static async Task BurstAsync(BenchOptions options, Report report, HttpClient control, Uri bot, string token, string serviceUrl, ProcessCpu azuriteCpu)
    {
        var run = await PostAsync<RunIds>(control, $"bench/run/open?unit={PulseFixture.BurstUnit}");
        using var burstClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        // The first answers JIT the answer path and open connections: a short warm-up from people of their own.
        var warmUp = Enumerable.Range(0, BenchOptions.BurstWarmUp).Select(i => Answer(PulseFixture.BurstAad(i), serviceUrl, run.RunId, i)).ToArray();
        await OpenLoop.RunAsync(burstClient, bot, i => warmUp[i], token, 50, warmUp.Length, _ => true);
        var next = BenchOptions.BurstWarmUp;
        await TakeStorageAsync(control);
        foreach (var rate in options.Rates)
        {
            var count = (int)(rate * options.BurstDuration.TotalSeconds);
            var bodies = Enumerable.Range(next, count).Select(i => Answer(PulseFixture.BurstAad(i), serviceUrl, run.RunId, i)).ToArray();
            next += count;
            Console.WriteLine($"Answer burst: {rate}/s for {options.BurstDuration.TotalSeconds:0} s…");
            var (botCpu, storageCpu) = (await CpuAsync(control), azuriteCpu.Milliseconds());
            var result = await OpenLoop.RunAsync(burstClient, bot, i => bodies[i], token, rate, count, text => text.Contains(ThankYou, StringComparison.Ordinal));
            report.Bursts.Add(result with { BotCpuMsPerAnswer = (await CpuAsync(control) - botCpu) / count, AzuriteCpuMsPerAnswer = (azuriteCpu.Milliseconds() - storageCpu) / count });
            await Task.Delay(2000);
        }

        report.BurstStorage = await TakeStorageAsync(control);
    }

    /// <summary>A whole pulse to N installed managers: deliver (the real worker), answer, publish at close, read results; storage counted per phase.</summary>
    private static async Task WholePulseAsync(BenchOptions options, Report report, HttpClient control, HttpClient client, Uri bot, string token, ConnectorSink sink)
    {
        var people = options.WholePulsePeople;
        Console.WriteLine($"Whole pulse to {people} managers: delivering…");
        await TakeStorageAsync(control);
        var before = sink.Received;
        var run = await PostAsync<RunIds>(control, $"bench/pulse/create?unit={PulseFixture.WholeUnit}");
        var stopwatch = Stopwatch.StartNew();
        while (sink.Received - before < people && stopwatch.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(250);
        }

        report.WholeDelivered = sink.Received - before;
        report.WholeDeliverSeconds = stopwatch.Elapsed.TotalSeconds;
        await Task.Delay(2000); // the last completions and queue deletes
        var phases = new List<(string, StorageCount)> { ("deliver", await TakeStorageAsync(control)) };

        Console.WriteLine("Whole pulse: answering…");
        var bodies = Enumerable.Range(0, people).Select(i => Answer(PulseFixture.WholeAad(i), sink.ServiceUrl, run.RunId, i)).ToArray();
        var index = -1;
        var answered = await LoadGenerator.RunAsync(client, bot, () => bodies[Interlocked.Increment(ref index)], 8, null, people, token);
        report.WholeAnswerFailures = answered.Failures;
        phases.Add(("answer", await TakeStorageAsync(control)));

        Console.WriteLine("Whole pulse: publishing and reading results…");
        var close = await PostAsync<CloseFigures>(control, $"bench/run/close?runId={run.RunId}");
        report.WholePublished = close.Published;
        phases.Add(("publish", close.Storage));
        var results = await PostAsync<ResultsFigures>(control, $"bench/results/read?pulseId={run.PulseId}&runId={run.RunId}&times=1");
        phases.Add(("results (one read)", results.Storage));
        report.WholePhases = phases;
    }

    private static byte[] Answer(string aad, string serviceUrl, string runId, int i) =>
        Encoding.UTF8.GetBytes(BotJson.Serialize(new TeamsUser(aad, "Manager " + i, serviceUrl).Execute(PulseQuestionCard.AnswerVerb, new
        {
            runId,
            v = PulseQuestionCard.Version,
            q1 = (1 + (i % 5)).ToString(CultureInfo.InvariantCulture),
            q2 = (i % 11).ToString(CultureInfo.InvariantCulture),
            q3 = (i % 3).ToString(CultureInfo.InvariantCulture),
        })));

    private static async Task<double> CpuAsync(HttpClient control) => (await control.GetFromJsonAsync<double>("bench/cpu"));

    private static async Task<StorageCount> TakeStorageAsync(HttpClient control) => (await PostAsync<StorageCount>(control, "bench/storage/take"))!;

    private static async Task<T> PostAsync<T>(HttpClient control, string path)
    {
        using var response = await control.PostAsync(path, null);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {text}");
        }

        return System.Text.Json.JsonSerializer.Deserialize<T>(text, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }

    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static Process StartServer(string storage, int botPort, int barePort, string metadata)
    {
        var self = Environment.ProcessPath!;
        var start = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
            ? new ProcessStartInfo(self) { ArgumentList = { typeof(Driver).Assembly.Location } }
            : new ProcessStartInfo(self);
        foreach (var arg in new[] { BotServer.Verb, storage, botPort.ToString(CultureInfo.InvariantCulture), barePort.ToString(CultureInfo.InvariantCulture), metadata })
        {
            start.ArgumentList.Add(arg);
        }

        start.UseShellExecute = false;
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot process.");
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, int botPort)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{botPort}/healthz");
                if (response.IsSuccessStatusCode)
                {
                    await Task.Delay(2000); // the demo org is seeded by a hosted service just after start
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The bot did not become healthy within 60 s.");
    }
}
