using System.Net;
using System.Text.Json.Nodes;
using DialogueBot.Conversations;
using DialogueBot.Org;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Conversations;

public sealed class InstallTests(SharedBot host) : BotTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task Install_stores_the_conversation_reference_and_the_welcome_card_reaches_theConnector()
    {
        var alex = DemoUsers.Alex(Connector.ServiceUrl);

        await Bot.SendAsync(alex.Install());

        var stored = await Bot.Service<ConversationReferenceRepository>().FindAsync(alex.AadObjectId);
        Assert.NotNull(stored);
        Assert.Equal(alex.ConversationId, stored.ConversationId);
        Assert.Equal(Connector.ServiceUrl, stored.ServiceUrl);
        Assert.Equal(TeamsUser.TenantId, stored.TenantId);
        Assert.Equal(alex.UserId, stored.UserId);

        var welcome = await Connector.WaitForAsync(a => a.ConversationId == alex.ConversationId);
        Assert.Contains("Welcome, Alex", welcome.CardText, StringComparison.Ordinal);
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task The_install_events_Teams_sends_together_welcome_once_and_a_retry_does_not_welcome_again()
    {
        var alex = DemoUsers.Alex(Connector.ServiceUrl);
        var install = alex.Install();

        await Task.WhenAll(Bot.SendAsync(install), Bot.SendAsync(alex.BotAdded()));
        await Bot.SendAsync(install); // Teams retries the same event
        await Bot.SendAsync(alex.BotAdded());

        await Task.Delay(200);
        Assert.Single(Connector.ActivitiesIn(alex.ConversationId));
    }

    [Fact]
    public async Task A_reload_of_the_Playground_is_a_new_install_event_and_is_welcomed_again()
    {
        var alex = DemoUsers.Alex(Connector.ServiceUrl);
        await Task.WhenAll(Bot.SendAsync(alex.Install()), Bot.SendAsync(alex.BotAdded()));
        await Connector.WaitUntilAsync(c => c.ActivitiesIn(alex.ConversationId).Count == 1);

        // The Playground reloaded: the same conversation, an empty chat, and a new pair of install events.
        await Task.WhenAll(Bot.SendAsync(alex.Install()), Bot.SendAsync(alex.BotAdded()));

        await Connector.WaitUntilAsync(c => c.ActivitiesIn(alex.ConversationId).Count == 2);
        await Task.Delay(200);
        Assert.All(Connector.ActivitiesIn(alex.ConversationId), a => Assert.Contains("Welcome, Alex", a.CardText, StringComparison.Ordinal));
        Assert.Equal(2, Connector.ActivitiesIn(alex.ConversationId).Count);
    }

    [Fact]
    public async Task Uninstall_removes_the_reference_and_a_reinstall_welcomes_again()
    {
        var alex = DemoUsers.Alex(Connector.ServiceUrl);
        var references = Bot.Service<ConversationReferenceRepository>();
        await Bot.SendAsync(alex.Install());

        await Bot.SendAsync(alex.Uninstall());
        Assert.Null(await references.FindAsync(alex.AadObjectId));
        await Bot.SendAsync(alex.Uninstall()); // repeated: still fine

        await Bot.SendAsync(alex.Install());
        Assert.NotNull(await references.FindAsync(alex.AadObjectId));
        Assert.Equal(2, Connector.ActivitiesIn(alex.ConversationId).Count);
    }

    [Fact]
    public async Task A_person_known_only_by_email_is_linked_to_their_Teams_identity_on_install()
    {
        await Bot.ImportOrgAsync("""
            id,email,name,managerId,orgUnit,role
            c1,ceo@contoso.example,Carla Chief,,Exec,executive
            m1,maya.manager@contoso.example,Maya Manager,c1,Sales,manager
            """);
        var maya = new TeamsUser("0a0a0a0a-0000-4000-8000-000000000001", "Maya Manager", Connector.ServiceUrl);
        Connector.Members[maya.UserId] = new JsonObject { ["id"] = maya.UserId, ["email"] = "Maya.Manager@contoso.example", ["aadObjectId"] = maya.AadObjectId };

        await Bot.SendAsync(maya.Install());

        var person = await Bot.Service<OrgDirectory>().FindByAadObjectIdAsync(maya.AadObjectId);
        Assert.Equal("m1", person?.Id);
        var welcome = await Connector.WaitForAsync(a => a.ConversationId == maya.ConversationId);
        Assert.Contains("As a manager", welcome.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_welcome_is_answered_503_and_sent_when_Teams_retries()
    {
        var alex = DemoUsers.Alex(Connector.ServiceUrl);
        Connector.Outage = HttpStatusCode.ServiceUnavailable;

        using var first = await Bot.PostActivityAsync(alex.Install());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.True(first.Headers.RetryAfter is not null);

        Connector.Outage = null;
        await Bot.SendAsync(alex.Install());

        Assert.Single(Connector.ActivitiesIn(alex.ConversationId));
    }
}
