using DialogueBot.Testing;

namespace DialogueBot.Tests.Conversations;

public sealed class HelpTests(SharedBot host) : BotTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task Help_answers_with_a_card_for_the_callers_role()
    {
        var alex = DemoUsers.Alex(Connector.ServiceUrl);

        await Bot.SendAsync(alex.Message("help"));

        var card = await Connector.WaitForAsync(a => a.ConversationId == alex.ConversationId);
        Assert.Contains("What I can do for you", card.CardText, StringComparison.Ordinal);
        Assert.Contains("HR, manager", card.CardText, StringComparison.Ordinal);
        Assert.Contains("Org chart", card.CardText, StringComparison.Ordinal);
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task A_manager_does_not_see_HR_topics()
    {
        var adele = DemoUsers.ById("p13", Connector.ServiceUrl);

        await Bot.SendAsync(adele.Message("help"));

        var card = await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId);
        Assert.DoesNotContain("Org chart", card.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_outside_the_org_chart_is_told_so_politely()
    {
        var stranger = DemoUsers.Stranger(Connector.ServiceUrl);

        await Bot.SendAsync(stranger.Message("help"));

        var card = await Connector.WaitForAsync(a => a.ConversationId == stranger.ConversationId);
        Assert.Contains("can't find you", card.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_button_replaces_the_card_in_place()
    {
        var card = await Bot.InvokeCardAsync(DemoUsers.Alex(Connector.ServiceUrl).Execute("help.show"));

        Assert.Contains("What I can do for you", DialogueBot.Testing.CardTexts.Of(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_message_gets_a_hint_and_the_help_card()
    {
        var alex = DemoUsers.Alex(Connector.ServiceUrl);

        await Bot.SendAsync(alex.Message("what is the meaning of life"));

        await Connector.WaitUntilAsync(c => c.ActivitiesIn(alex.ConversationId).Count == 2);
        Assert.Contains("didn't catch that", Connector.ActivitiesIn(alex.ConversationId)[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markup_in_a_name_does_not_become_markup_on_the_card()
    {
        await Bot.ImportOrgAsync("""
            id,aadObjectId,name,managerId,orgUnit,role
            c1,0b0b0b0b-0000-4000-8000-000000000001,Carla Chief,,Exec,executive
            m1,0b0b0b0b-0000-4000-8000-000000000002,[click](https://evil.example) **Bold**,c1,Sales,manager
            """);
        var user = new TeamsUser("0b0b0b0b-0000-4000-8000-000000000002", "x", Connector.ServiceUrl);

        await Bot.SendAsync(user.Install());

        var welcome = await Connector.WaitForAsync(a => a.ConversationId == user.ConversationId);
        Assert.Contains(@"\[click\]", welcome.CardText, StringComparison.Ordinal);
    }
}
