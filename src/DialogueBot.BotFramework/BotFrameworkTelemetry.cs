using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DialogueBot.BotFramework;

/// <summary>The library's trace source and meter; hosts subscribe to <see cref="Name"/> in OpenTelemetry.</summary>
public static class BotFrameworkTelemetry
{
    public const string Name = "DialogueBot.BotFramework";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Inbound activities handled, tagged with activity type, route and outcome.</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("bot.turns", description: "Inbound activities handled");

    /// <summary>Inbound requests refused by authentication.</summary>
    public static readonly Counter<long> AuthenticationFailures = Meter.CreateCounter<long>("bot.auth.failures", description: "Inbound requests refused with 401");

    /// <summary>Time spent handling a turn.</summary>
    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("bot.turn.duration", unit: "ms");
}
