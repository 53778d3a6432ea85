using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Recognition.Cards;
using DialogueBot.Recognition.Nominations;
using DialogueBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DialogueBot.Tests.Recognition;

/// <summary>
/// The real bot on Azurite with the connector stub and a clock the test moves (Monday 23 November 2026,
/// 08:00 UTC: London is on UTC in winter, so the month is November).
/// </summary>
public abstract class RecognitionBotTest : BotTest
{
    public const string Story = "Led the team through the platform migration without a single missed release, and kept everyone sane.";

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    protected override BotAppOptions Configure(BotAppOptions options) => options with { Time = Clock };

    protected HttpClient ClientAs(string personId)
    {
        var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", User(personId).AadObjectId);
        return client;
    }

    protected async Task InstallAsync(params string[] personIds)
    {
        var before = Connector.Activities.Count;
        foreach (var id in personIds)
        {
            await Bot.SendAsync(User(id).Install());
        }

        await Connector.WaitUntilAsync(c => c.Activities.Count >= before + personIds.Length);
        await WaitUntilNoWorkIsLeftAsync();
    }

    /// <summary>Presses "Send nomination" on a form as <paramref name="nominatorId"/>; returns the card that replaces the form.</summary>
    protected async Task<JsonElement> NominateAsync(string nominatorId, string nomineeId, string category = "coaching", string story = Story, string? submitId = null) =>
        await Bot.InvokeCardAsync(User(nominatorId).Execute(RecognitionVerbs.Nominate, new { submitId = submitId ?? NominationRepository.NewSubmitId(), nomineeId, category, story }));

    protected async Task<JsonElement> ReviewAsync(string reviewerId, string nominationId, string action, string? reason = null) =>
        await Bot.InvokeCardAsync(User(reviewerId).Execute(RecognitionVerbs.Review, new { nominationId, action, reason }));

    protected async Task<NominationEntity> OnlyNominationAsync(string nomineeId) =>
        (await Bot.Service<NominationRepository>().ListAsync(CancellationToken.None)).Single(n => n.NomineeId == nomineeId);

    /// <summary>Cards received in a person's 1:1 chat whose text contains <paramref name="text"/>.</summary>
    protected IReadOnlyList<ReceivedActivity> CardsTo(string personId, string text) =>
        Connector.ActivitiesIn(User(personId).ConversationId).Where(a => a.CardText.Contains(text, StringComparison.Ordinal)).ToList();

    protected static string TextOf(JsonElement card) => CardTexts.Of(card);

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>
    /// Waits until the work queue is empty, invisible messages included: only then can a count of cards say
    /// "once" (a second send would still be on the queue before).
    /// </summary>
    protected async Task WaitUntilNoWorkIsLeftAsync()
    {
        var queue = Bot.Service<AppStorage>().Queue(WorkQueue.QueueName);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("Work was still queued after 30 s.");
    }
}
