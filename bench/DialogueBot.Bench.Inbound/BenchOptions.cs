using System.Globalization;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// Command line. Defaults keep `make bench` near five minutes on a shared 2-core box; the full sizes
/// are options (`--pending 100000`).
/// </summary>
public sealed record BenchOptions(
    int Connections,
    TimeSpan Duration,
    int TotalActivities,
    IReadOnlyList<int> Rates,
    TimeSpan BurstDuration,
    int WholePulsePeople,
    int Pending,
    int Responses)
{
    public const string Usage = "Use --connections N --duration SECONDS --activities TOTAL --rates 50,100,300 --burst-seconds S --pulse-people N --pending N --responses N.";

    /// <summary>Answers sent before the measured bursts, from people of their own.</summary>
    public const int BurstWarmUp = 150;

    public int BurstPeople => BurstWarmUp + Rates.Sum(r => (int)(r * BurstDuration.TotalSeconds));

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(16, TimeSpan.FromSeconds(10), 100_000, [50, 100, 300], TimeSpan.FromSeconds(10), 200, 20_000, 1_000_000);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            int Int() => int.Parse(value, CultureInfo.InvariantCulture);
            TimeSpan Seconds() => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
            o = args[i] switch
            {
                "--connections" => o with { Connections = Int() },
                "--duration" => o with { Duration = Seconds() },
                "--activities" => o with { TotalActivities = Int() },
                "--rates" => o with { Rates = value.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray() },
                "--burst-seconds" => o with { BurstDuration = Seconds() },
                "--pulse-people" => o with { WholePulsePeople = Int() },
                "--pending" => o with { Pending = Int() },
                "--responses" => o with { Responses = Int() },
                _ => throw new ArgumentException($"Unknown option {args[i]}. {Usage}"),
            };
        }

        return o;
    }
}
