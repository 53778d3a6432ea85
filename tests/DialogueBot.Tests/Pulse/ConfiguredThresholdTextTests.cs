using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>
/// Issue 12, item 10: k comes from configuration wherever a card states it. With
/// Anonymity:MinimumGroupSize = 7 every card a person reads says 7, and none says 5.
/// </summary>
public sealed class ConfiguredThresholdTextTests : PulseTest
{
    protected override BotAppOptions Configure(BotAppOptions options)
    {
        var settings = PulseSettings();
        settings["Anonymity:MinimumGroupSize"] = "7";
        return options with { Settings = settings };
    }

    [Fact]
    public async Task Every_card_that_states_the_threshold_says_the_configured_7()
    {
        var patti = DemoUsers.Patti(Connector.ServiceUrl);
        var manager = Managers[0];
        var user = DemoUsers.Of(manager, Connector.ServiceUrl);
        await Bot.SendAsync(user.Install());
        var welcome = await Connector.WaitForAsync(a => a.ConversationId == user.ConversationId && a.CardText.Contains("Welcome", StringComparison.Ordinal));

        var (pulseId, runId) = await CreateOpenPulseAsync();
        var question = await Connector.WaitForAsync(a => IsPulseCard(a) && a.ConversationId == user.ConversationId);
        var receipt = await AnswerAsync(manager, Answers(runId, 4, 8, 1, "fine"));
        await Bot.SendAsync(patti.Message("pulse"));
        var form = await Connector.WaitForAsync(a => a.ConversationId == patti.ConversationId && a.CardText.Contains("New pulse", StringComparison.Ordinal));
        await Bot.SendAsync(patti.Message("help"));
        var help = await Connector.WaitForAsync(a => a.ConversationId == patti.ConversationId && a.CardText.Contains("What I can do for you", StringComparison.Ordinal));
        await CloseAsync(runId);
        var results = Text(await Bot.InvokeCardAsync(DemoUsers.Megan(Connector.ServiceUrl).Execute("pulse.results", new { pulseId })));

        Assert.Contains("smaller than 7 people", welcome.CardText, StringComparison.Ordinal);
        Assert.Contains("groups under 7 are never shown", question.CardText, StringComparison.Ordinal);
        Assert.Contains("within groups of 7 or more", question.Card.GetRawText(), StringComparison.Ordinal); // the comment box's placeholder
        Assert.Contains("only for groups of 7 or more", Text(receipt), StringComparison.Ordinal);
        Assert.Contains("for groups of 7 or more", form.CardText, StringComparison.Ordinal);
        Assert.Contains("groups smaller than 7 are never shown", help.CardText, StringComparison.Ordinal);
        Assert.Contains("groups of 7 or more only", help.CardText, StringComparison.Ordinal);
        Assert.Contains("at least 7 people", results, StringComparison.Ordinal);
        foreach (var text in new[] { welcome.CardText, question.Card.GetRawText(), Text(receipt), form.CardText, help.CardText, results })
        {
            Assert.DoesNotMatch(@"(under|than|of|least) (5|five)\b", text);
        }
    }
}
