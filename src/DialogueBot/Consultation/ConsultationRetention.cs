using DialogueBot.Consultation.ConcernVotes;
using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Retention;

namespace DialogueBot.Consultation;

/// <summary>
/// <c>Retention:ConsultationConcerns</c>: the concerns, ideas and questions of a consultation (their text,
/// answers, named authors) and any votes left are deleted this long after its input window ended, as a town
/// hall's questions are. The consultation row (brief, outcome, counts) and its rating totals stay: no one's words.
/// </summary>
public sealed class ConsultationRetention(ConsultationRepository consultations, ConcernRepository concerns, ConcernVoteRepository votes) : IRetentionPurgeParticipant
{
    public async Task<PurgedRows> PurgeAsync(DateTimeOffset now, RetentionOptions options, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var consultation in await consultations.ListAsync(cancellationToken))
        {
            // The window's actual end (an executive may end it early), else its planned one.
            if (now - (consultation.EndedAt ?? consultation.ClosesAt) < options.ConsultationConcerns)
            {
                continue;
            }

            deleted += await concerns.DeleteAllAsync(consultation.Id, cancellationToken);
            await votes.DeleteAllAsync(consultation.Id, cancellationToken); // votes only make sense beside their item
        }

        return new PurgedRows("consultation concerns deleted", deleted);
    }
}
