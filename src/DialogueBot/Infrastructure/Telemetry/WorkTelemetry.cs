using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DialogueBot.Infrastructure.Telemetry;

/// <summary>Traces and metrics of background work.</summary>
public static class WorkTelemetry
{
    public const string Name = "DialogueBot.Work";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Items = Meter.CreateCounter<long>("work.items", description: "Work items settled, by kind and outcome");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("work.duration", unit: "ms");
}
