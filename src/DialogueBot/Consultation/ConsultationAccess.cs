using DialogueBot.Consultation.Consultations;
using DialogueBot.Org;

namespace DialogueBot.Consultation;

/// <summary>Who may do what with a consultation. Checked server-side for every card press and request.</summary>
public static class ConsultationAccess
{
    /// <summary>Executives draft consultations, and may run any of them (its owner first of all).</summary>
    public const OrgRole Drafters = OrgRole.Executive;

    public static bool IsConsulted(ConsultationRecord consultation, Caller caller) =>
        caller.Person is { } person && consultation.Brief.Audience.Includes(person);

    /// <summary>Answer and merge items, end the window, read results and volunteers, decide.</summary>
    public static bool CanManage(ConsultationRecord consultation, Caller caller) =>
        caller.Person is { } person && person.IsActive
        && (string.Equals(person.Id, consultation.OwnerPersonId, StringComparison.OrdinalIgnoreCase) || caller.HasAny(Drafters));

    public static bool CanRead(ConsultationRecord consultation, Caller caller) => IsConsulted(consultation, caller) || CanManage(consultation, caller);
}
