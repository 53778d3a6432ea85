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

    /// <summary>The calendar invite (.ics, and a Teams meeting through Graph where set up) to one side once both confirmed.</summary>
    public const string Invite = "skiplevel.invite";

    /// <summary>Sends HR the preview of a programme's next cycle when it comes due (HR launches it).</summary>
    public const string Cycle = "skiplevel.cycle";
}
