namespace DialogueBot.Pulse;

/// <summary>Pulse settings. Bound from "Pulse".</summary>
public sealed class PulseOptions
{
    public const string SectionName = "Pulse";

    /// <summary>Hold deliveries and reminders outside working hours and at weekends, per recipient time zone.</summary>
    public bool RespectQuietHours { get; set; } = true;

    /// <summary>Local hour (0–23) from which messages may go out.</summary>
    public int WorkdayStartHour { get; set; } = 9;

    /// <summary>Local hour (0–23) after which messages wait for the next working day.</summary>
    public int WorkdayEndHour { get; set; } = 18;

    /// <summary>
    /// How long a closing run waits before publishing: an answer that was accepted just before the close is
    /// still being written. An answer that lands later than this is taken back and its sender told the pulse closed.
    /// </summary>
    public TimeSpan CloseGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long before the close the one reminder goes to people who have not answered.</summary>
    public TimeSpan ReminderBeforeClose { get; set; } = TimeSpan.FromHours(24);
}
