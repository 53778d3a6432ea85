using System.Diagnostics;
using System.Net.Http.Headers;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// A closed-loop load generator: N connections, each sending its next request as soon as the previous
/// answer is read, for a fixed time or until a request count is reached. Records every latency.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(HttpClient client, Uri target, Func<byte[]> body, int connections, TimeSpan? duration, long? requests, string? token = null)
    {
        var stop = duration is { } d ? Stopwatch.GetTimestamp() + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        long issued = 0;
        long failures = 0;
        var latencies = new List<long>[connections];
        var started = Stopwatch.GetTimestamp();

        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<long>(64 * 1024);
            while (Stopwatch.GetTimestamp() < stop && (requests is null || Interlocked.Increment(ref issued) <= requests))
            {
                using var request = Post(target, body(), token);
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request);
                    await response.Content.CopyToAsync(Stream.Null);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }

                mine.Add(Stopwatch.GetTimestamp() - begin);
            }
        }));

        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, failures, elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    /// <summary>A JSON POST, with a bearer token when given.</summary>
    public static HttpRequestMessage Post(Uri target, byte[] body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>An HttpClient that keeps exactly <paramref name="connections"/> connections open.</summary>
    public static HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    public static TimeSpan Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))] / Stopwatch.Frequency);
}

public sealed record LoadResult(long Requests, long Failures, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}
