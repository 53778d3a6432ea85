namespace DialogueBot.Consultation.Delivery;

/// <summary>
/// The consultation's background work. Keys start with the consultation id (the scope WorkSeal keeps in the
/// clear); a per-person key names the org-chart id, which WorkSeal digests in the ledger and seals on the queue.
/// </summary>
public static class ConsultationWorkKinds
{
    /// <summary>One brief per audience member.</summary>
    public const string Fanout = "consultation.fanout";
    public const string Brief = "consultation.brief";
    /// <summary>The input window's planned end (scheduled), and the counting after the close grace.</summary>
    public const string End = "consultation.end";
    public const string Publish = "consultation.publish";
    /// <summary>One outcome card per briefed manager.</summary>
    public const string OutcomeFanout = "consultation.outcomes";
    public const string Outcome = "consultation.outcome";
}

public sealed record ConsultationPayload(string ConsultationId);

public sealed record ConsultationPersonPayload(string ConsultationId, string PersonId);
