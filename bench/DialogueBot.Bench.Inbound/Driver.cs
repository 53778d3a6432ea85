using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using DialogueBot.Testing;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// Runs the benchmark: Azurite (private, in memory), the Connector sink, the served bot and bare endpoint
/// in a child process; then the bare endpoint and /api/messages for the same time at the same
/// concurrency, then more activities until the bot has handled the requested total, then its memory.
/// </summary>
public static class Driver
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"DialogueBot inbound benchmark: {options.Connections} connections, {options.Duration.TotalSeconds:0} s per measurement, {options.TotalActivities:N0} activities in all; {Environment.ProcessorCount} cores.");
        await using var azurite = await Azurite.StartAsync();
        await using var sink = await ConnectorSink.StartAsync(FreePort.Next());
        var (botPort, barePort) = (FreePort.Next(), FreePort.Next());
        using var server = StartServer(azurite.ConnectionString, botPort, barePort);
        try
        {
            using var client = LoadGenerator.Client(options.Connections);
            var bot = new Uri($"http://127.0.0.1:{botPort}/api/messages");
            var bare = new Uri($"http://127.0.0.1:{barePort}/bare");
            await WaitUntilReadyAsync(client, botPort);
            var mix = new ActivityMix(sink.ServiceUrl);
            byte[] empty = "{}"u8.ToArray();

            Console.WriteLine("Warming up…");
            var handled = (await LoadGenerator.RunAsync(client, bot, mix.Next, options.Connections, null, 3_000)).Requests;
            await LoadGenerator.RunAsync(client, bare, () => empty, options.Connections, null, 3_000);

            Console.WriteLine("Measuring the bare endpoint…");
            var bareResult = await LoadGenerator.RunAsync(client, bare, () => empty, options.Connections, options.Duration, null);
            Console.WriteLine("Measuring /api/messages…");
            var botResult = await LoadGenerator.RunAsync(client, bot, mix.Next, options.Connections, options.Duration, null);
            handled += botResult.Requests;

            var remaining = options.TotalActivities - handled;
            if (remaining > 0)
            {
                Console.WriteLine($"Sending {remaining:N0} more activities to reach {options.TotalActivities:N0}…");
                var rest = await LoadGenerator.RunAsync(client, bot, mix.Next, options.Connections, null, remaining);
                handled += rest.Requests;
                if (rest.Failures > 0)
                {
                    Console.WriteLine($"  {rest.Failures} of them failed.");
                }
            }

            var memory = await client.GetFromJsonAsync<MemoryFigures>($"http://127.0.0.1:{barePort}/bench/memory");
            var collected = await client.GetFromJsonAsync<MemoryFigures>($"http://127.0.0.1:{barePort}/bench/memory?collect=true");
            Print(options, bareResult, botResult, handled, sink.Received, memory!, collected!);
            return botResult.Failures == 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static Process StartServer(string storage, int botPort, int barePort)
    {
        var self = Environment.ProcessPath!;
        var start = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
            ? new ProcessStartInfo(self) { ArgumentList = { typeof(Driver).Assembly.Location } }
            : new ProcessStartInfo(self);
        foreach (var arg in new[] { BotServer.Verb, storage, botPort.ToString(CultureInfo.InvariantCulture), barePort.ToString(CultureInfo.InvariantCulture) })
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

    private static void Print(BenchOptions options, LoadResult bare, LoadResult bot, long handled, long replies, MemoryFigures memory, MemoryFigures collected)
    {
        static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms";
        static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

        Console.WriteLine();
        Console.WriteLine($"| endpoint ({options.Connections} connections, {options.Duration.TotalSeconds:0} s) | requests | failed | requests/s | p50 | p99 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| bare minimal API (200) | {bare.Requests:N0} | {bare.Failures} | {bare.RequestsPerSecond:N0} | {Ms(bare.P50)} | {Ms(bare.P99)} |");
        Console.WriteLine($"| bot /api/messages (mix) | {bot.Requests:N0} | {bot.Failures} | {bot.RequestsPerSecond:N0} | {Ms(bot.P50)} | {Ms(bot.P99)} |");
        Console.WriteLine($"| bot ÷ bare | | | {bot.RequestsPerSecond / bare.RequestsPerSecond:P1} | {bot.P50.TotalMilliseconds / bare.P50.TotalMilliseconds:0.0}× | {bot.P99.TotalMilliseconds / bare.P99.TotalMilliseconds:0.0}× |");
        Console.WriteLine();
        Console.WriteLine($"| bot process after {handled:N0} activities ({replies:N0} replies sent to the Connector) | as running | after a full GC |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| working set | {Mb(memory.WorkingSet)} | {Mb(collected.WorkingSet)} |");
        Console.WriteLine($"| GC heap size | {Mb(memory.GcHeapSize)} | {Mb(collected.GcHeapSize)} |");
        Console.WriteLine($"| GC live objects | {Mb(memory.GcLiveBytes)} | {Mb(collected.GcLiveBytes)} |");
        Console.WriteLine($"| GC committed | {Mb(memory.GcCommitted)} | {Mb(collected.GcCommitted)} |");
        Console.WriteLine($"| collections (gen0 / gen2) | {memory.Gen0Collections} / {memory.Gen2Collections} | |");
    }
}
