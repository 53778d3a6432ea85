namespace DialogueBot.SkipLevel;

/// <summary>The skip-level feature's background work (keys: see PromptSchedule; no personal data in them).</summary>
public static class SkipLevelWorkKinds
{
    /// <summary>The first card to one side of a pair, the week before their meeting week.</summary>
    public const string Prompt = "skiplevel.prompt";

    /// <summary>A reminder to one side before the meeting week.</summary>
    public const string Reminder = "skiplevel.reminder";

    /// <summary>"Did it happen?" to one side after the meeting week.</summary>
    public const string FollowUp = "skiplevel.followup";

    /// <summary>Tells one side what the other side changed.</summary>
    public const string Notify = "skiplevel.notify";

    /// <summary>Plans and schedules the next cycle of a programme.</summary>
    public const string Cycle = "skiplevel.cycle";
}
