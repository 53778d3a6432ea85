using System.Diagnostics;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// An open-loop load generator: request i is due at start + i / rate whatever happened to the ones before
/// (as a burst of people pressing a button does), and its latency counts from when it was due, so a server
/// that falls behind shows it in the percentiles instead of slowing the generator down.
/// </summary>
public static class OpenLoop
{
    public static async Task<OpenLoopResult> RunAsync(HttpClient client, Uri target, Func<int, byte[]> body, string token, double rate, int count, Func<string, bool> accepted)
    {
        var latencies = new long[count];
        long failures = 0;
        var sends = new Task[count];
        var started = Stopwatch.GetTimestamp();
        long maxLag = 0;
        for (var i = 0; i < count; i++)
        {
            var due = started + (long)(i * Stopwatch.Frequency / rate);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 1000)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }

            maxLag = Math.Max(maxLag, Stopwatch.GetTimestamp() - due);
            var index = i;
            sends[i] = Task.Run(async () =>
            {
                using var request = LoadGenerator.Post(target, body(index), token);
                try
                {
                    using var response = await client.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode || !accepted(text))
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                }

                latencies[index] = Stopwatch.GetTimestamp() - due;
            });
        }

        await Task.WhenAll(sends);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Array.Sort(latencies);
        return new OpenLoopResult(rate, count, failures, elapsed, LoadGenerator.Percentile(latencies, 0.50), LoadGenerator.Percentile(latencies, 0.99), TimeSpan.FromSeconds((double)latencies[^1] / Stopwatch.Frequency), TimeSpan.FromSeconds((double)maxLag / Stopwatch.Frequency));
    }
}

/// <summary>Figures of one open-loop run; <see cref="GeneratorLag"/> is how late the generator itself sent at worst.</summary>
public sealed record OpenLoopResult(double Rate, int Requests, long Failures, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99, TimeSpan Max, TimeSpan GeneratorLag)
{
    /// <summary>CPU the bot process spent per answer (its whole process: worker and timers included).</summary>
    public double BotCpuMsPerAnswer { get; init; }

    /// <summary>CPU the Azurite process spent per answer.</summary>
    public double AzuriteCpuMsPerAnswer { get; init; }
}
