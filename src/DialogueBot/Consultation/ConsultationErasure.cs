using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Deliveries;
using DialogueBot.Consultation.Volunteers;
using DialogueBot.Org;
using DialogueBot.Retention;

namespace DialogueBot.Consultation;

/// <summary>
/// HR's "erase this person" for consultations, through the feature's own repositories (no service rule fires:
/// it is a clean-up). Named concerns lose their author and read "a former colleague"; consultations they own
/// pass to the placeholder; their roundtable offers and "the brief reached them" rows are deleted. Anonymous
/// concerns, votes and ratings hold no person id (only hashes under each consultation's own key), as in
/// town halls and pulses, so they are neither findable nor changed. Safe to repeat.
/// </summary>
public sealed class ConsultationErasure(
    ConsultationRepository consultations,
    ConcernRepository concerns,
    VolunteerRepository volunteers,
    ConsultationDeliveryRepository deliveries) : IErasureParticipant
{
    public async Task<IReadOnlyList<ErasedRows>> EraseAsync(string personId, string placeholderId, OrgPerson? person, CancellationToken cancellationToken)
    {
        var (owned, named, offers, briefed) = (0, 0, 0, 0);
        foreach (var consultation in await consultations.ListAsync(cancellationToken))
        {
            if (ErasureIds.Same(consultation.OwnerPersonId, personId))
            {
                var (written, _) = await consultations.UpdateAsync(consultation.Id, c => ErasureIds.Same(c.OwnerPersonId, personId) ? c with { OwnerPersonId = placeholderId } : null, cancellationToken);
                owned += written ? 1 : 0;
            }

            named += await ClearAuthorshipAsync(consultation.Id, personId, cancellationToken);
            foreach (var volunteer in (await volunteers.ListAsync(consultation.Id, cancellationToken)).Where(v => ErasureIds.Same(v, personId)))
            {
                offers += await volunteers.TryRemoveAsync(consultation.Id, volunteer, cancellationToken) ? 1 : 0;
            }

            briefed += await deliveries.ForgetAsync(consultation.Id, personId, cancellationToken) ? 1 : 0;
        }

        return
        [
            new ErasedRows(ConsultationRepository.TableName, owned, "consultations they own passed to the placeholder"),
            new ErasedRows(ConcernRepository.TableName, named, "named concerns: author cleared, shown as \"a former colleague\""),
            new ErasedRows(VolunteerRepository.TableName, offers, "their offers to join a roundtable deleted"),
            new ErasedRows(ConsultationDeliveryRepository.TableName, briefed, "the record that a brief reached them deleted (no outcome card will be sent)"),
        ];
    }

    private async Task<int> ClearAuthorshipAsync(string consultationId, string personId, CancellationToken cancellationToken)
    {
        var cleared = 0;
        foreach (var concern in (await concerns.ListAsync(consultationId, cancellationToken)).Where(c => ErasureIds.Same(c.AuthorPersonId, personId)))
        {
            var wrote = false;
            await concerns.UpdateAsync(consultationId, concern.Id, row =>
            {
                wrote = ErasureIds.Same(row.AuthorPersonId, personId); // the last run of the change is the one written
                row.AuthorPersonId = wrote ? "" : row.AuthorPersonId;
                return wrote;
            }, cancellationToken);
            cleared += wrote ? 1 : 0;
        }

        return cleared;
    }
}
