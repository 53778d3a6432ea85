using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DialogueBot.Infrastructure.Telemetry;

/// <summary>The product's own traces and metrics (features add counters here).</summary>
public static class AppTelemetry
{
    public const string Name = "DialogueBot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}
