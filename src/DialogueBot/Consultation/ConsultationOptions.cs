namespace DialogueBot.Consultation;

/// <summary>Settings of the consultation feature (section "Consultation").</summary>
public sealed class ConsultationOptions
{
    public const string SectionName = "Consultation";

    /// <summary>
    /// No blindsiding: the outcome must reach the consulted managers at least this long before the
    /// company-wide announcement, so they can prepare their teams. Deciding with a closer announcement is refused.
    /// </summary>
    public TimeSpan OutcomeLeadTime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// When the input window ends, ratings in flight get this long to land before they are counted (the same
    /// reasoning as Pulse:CloseGrace): a rating written meanwhile is counted or told "closed", never both.
    /// </summary>
    public TimeSpan CloseGrace { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxConcernLength { get; set; } = 600;

    public int MinConcernLength { get; set; } = 8;

    public int MaxBriefFieldLength { get; set; } = 2000;

    public int MaxAnswerLength { get; set; } = 2000;
}
