using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Insights;
using DialogueBot.Org;
using DialogueBot.Recognition.Cards;
using DialogueBot.Recognition.Digests;
using DialogueBot.Recognition.Model;

namespace DialogueBot.Recognition.Delivery;

/// <summary>
/// A month's digest: one fan-out per month (its key is the month's), one send per person and month. The
/// audience is read when the fan-out runs, so HR's latest setting applies; a person added to it after the
/// fan-out ran waits for next month.
/// </summary>
public sealed class DigestFanOutHandler(RecognitionService service, DigestAudienceRepository audiences, OrgDirectory directory, WorkQueue work, ILogger<DigestFanOutHandler> logger) : IWorkHandler
{
    public string Kind => RecognitionWorkKinds.Digest;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var month = item.PayloadAs<DigestMessage>().Month;
        if (!RecognitionCalendar.TryParseMonth(month, out _))
        {
            return WorkResult.Fail($"The digest payload's month '{month}' is not yyyy-MM.");
        }

        if ((await service.FeaturedInAsync(month, cancellationToken)).Count == 0)
        {
            logger.LogInformation("Recognition digest {Month}: no featured wins, nothing sent.", month);
            return WorkResult.Done;
        }

        var people = (await audiences.GetAsync(cancellationToken)).Resolve(await directory.GetAsync(cancellationToken));
        foreach (var person in people)
        {
            await work.EnqueueAsync(RecognitionWorkKinds.DigestSend, RecognitionWork.DigestSendKey(month, person.Id), new DigestSendMessage(month, person.Id), cancellationToken: cancellationToken);
        }

        logger.LogInformation("Recognition digest {Month}: queued for {Count} people.", month, people.Count);
        return WorkResult.Done;
    }
}

/// <summary>Sends one person their digest: the month's featured wins, and what managers said that passed the threshold.</summary>
public sealed class DigestSendHandler(RecognitionService service, OrgDirectory directory, ProactiveMessenger messenger, IPulseInsights pulses, IQuestionInsights questions) : IWorkHandler
{
    public const int MaxHeard = 3;

    public string Kind => RecognitionWorkKinds.DigestSend;

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var message = item.PayloadAs<DigestSendMessage>();
        var org = await directory.GetAsync(cancellationToken);
        var person = org.FindById(message.PersonId);
        var wins = await service.FeaturedInAsync(message.Month, cancellationToken);
        if (person is not { IsActive: true } || wins.Count == 0)
        {
            return WorkResult.Done;
        }

        // Organisation-wide only: these contracts return nothing below the anonymity threshold, and one view for everyone cannot be differenced.
        var heard = new HeardFromManagers(await pulses.LatestThemesAsync("", MaxHeard, cancellationToken), await questions.TopOpenQuestionsAsync("", MaxHeard, cancellationToken));
        var card = DigestCard.Build(message.Month, DigestCard.WinsOf(wins, org, service.Options), heard);
        var result = await messenger.SendAsync(person, card.ToMessage(), cancellationToken);
        return result.Outcome == ProactiveOutcome.Throttled
            ? WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down.")
            : WorkResult.Done;
    }
}
