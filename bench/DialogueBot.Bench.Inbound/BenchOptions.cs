using System.Globalization;

namespace DialogueBot.Bench.Inbound;

/// <summary>Command line: --connections N --duration SECONDS --activities TOTAL.</summary>
public sealed record BenchOptions(int Connections, TimeSpan Duration, int TotalActivities)
{
    public static BenchOptions Parse(string[] args)
    {
        var connections = 16;
        var seconds = 15.0;
        var total = 100_000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--connections":
                    connections = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--duration":
                    seconds = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--activities":
                    total = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}. Use --connections N --duration SECONDS --activities TOTAL.");
            }
        }

        return new BenchOptions(connections, TimeSpan.FromSeconds(seconds), total);
    }
}
