using DialogueBot.Infrastructure.Work;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>The one reminder before close: decided from participation HMACs, it reaches exactly those who have not answered.</summary>
public sealed class PulseReminderTests : PulseTest
{
    [Fact]
    public async Task The_reminder_reaches_exactly_the_non_respondents_and_only_once()
    {
        await InstallAsync(DemoUsers.All);
        var (_, runId) = await CreateOpenPulseAsync();
        await Connector.WaitUntilAsync(c => c.Activities.Count(IsPulseCard) >= Managers.Count, TimeSpan.FromSeconds(30));
        var respondents = Managers.Where((_, i) => i % 3 == 0).ToList();
        foreach (var person in respondents)
        {
            await AnswerAsync(person, Answers(runId, 4, 8, 0));
        }

        var queue = Bot.Service<WorkQueue>();
        await queue.EnqueueAsync(PulseWorkKinds.Remind, runId + ".remind", new RunPayload(runId));
        await queue.EnqueueAsync(PulseWorkKinds.Remind, runId + ".remind", new RunPayload(runId)); // fired twice: still one reminder each

        var nonRespondents = Managers.Except(respondents).Select(p => DemoUsers.Of(p, Connector.ServiceUrl).ConversationId).ToHashSet();
        await Connector.WaitUntilAsync(c => c.Activities.Count(IsReminder) >= nonRespondents.Count, TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        var reminded = Connector.Activities.Where(IsReminder).Select(a => a.ConversationId).ToList();

        Assert.Equal(nonRespondents.Order(), reminded.Order());
        Assert.Equal(13, reminded.Count); // 20 managers, 7 answered
    }

    private static bool IsReminder(ReceivedActivity a) => IsPulseCard(a) && a.CardText.Contains("Reminder: this pulse closes soon", StringComparison.Ordinal);
}
