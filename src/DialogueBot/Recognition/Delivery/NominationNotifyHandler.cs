using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Recognition.Cards;
using DialogueBot.Recognition.Nominations;
using Microsoft.Extensions.Options;

namespace DialogueBot.Recognition.Delivery;

/// <summary>Tells the nominee, or their manager, about a new nomination: once per key, so once each.</summary>
public sealed class NominationNotifyHandler(NominationRepository nominations, OrgDirectory directory, ProactiveMessenger messenger, IOptions<RecognitionOptions> options) : IWorkHandler
{
    public string Kind => RecognitionWorkKinds.Notify;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var message = item.PayloadAs<NotifyMessage>();
        var nomination = await nominations.FindAsync(message.NominationId, cancellationToken);
        if (nomination is null)
        {
            return WorkResult.Done; // erased or never written: nothing to tell
        }

        var org = await directory.GetAsync(cancellationToken);
        var nominee = org.FindById(nomination.NomineeId);
        var nominator = org.FindById(nomination.NominatorId);
        var recipient = message.Recipient == NotifyRecipient.Nominee ? nominee : nominee is null ? null : org.ManagerOf(nominee);
        if (nominee is null || recipient is not { IsActive: true })
        {
            return WorkResult.Done;
        }

        var category = options.Value.TitleOf(nomination.CategoryId);
        var card = message.Recipient == NotifyRecipient.Nominee
            ? NominationCards.ForNominee(nomination, nominator?.Name, category)
            : NominationCards.ForManager(nomination, nominee.Name, nominator?.Name, category);
        var result = await messenger.SendAsync(recipient, card.ToMessage(), cancellationToken);
        return result.Outcome == ProactiveOutcome.Throttled
            ? WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down.")
            : WorkResult.Done; // sent, or they cannot be reached: nothing more to do
    }
}
