using DialogueBot.Testing;

namespace DialogueBot.Tests.Consultation;

/// <summary>The "consult" command and the help topics, by role.</summary>
public sealed class ConsultationCommandTests : ConsultationTest
{
    [Fact]
    public async Task Consult_lists_what_the_caller_may_open_and_offers_executives_a_new_one()
    {
        var id = await CreateAsync(Draft(units: ["Engineering"]));
        var megan = DemoUsers.Megan(Connector.ServiceUrl);
        var adele = DemoUsers.Of(Person("p13"), Connector.ServiceUrl);
        var joni = DemoUsers.Of(Person("p10"), Connector.ServiceUrl);

        await Bot.SendAsync(megan.Message("consult"));
        var executive = await Connector.WaitForAsync(a => a.ConversationId == megan.ConversationId && a.CardText.Contains("Consultations", StringComparison.Ordinal));
        Assert.Contains("Four-day office week", executive.CardText, StringComparison.Ordinal);
        Assert.Contains("New consultation", executive.CardText, StringComparison.Ordinal);

        await Bot.SendAsync(adele.Message("consult"));
        var manager = await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId && a.CardText.Contains("Consultations", StringComparison.Ordinal));
        Assert.Contains("Open the brief", manager.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("New consultation", manager.CardText, StringComparison.Ordinal);

        await Bot.SendAsync(joni.Message("consult")); // Finance: not in this audience
        var outside = await Connector.WaitForAsync(a => a.ConversationId == joni.ConversationId && a.CardText.Contains("Consultations", StringComparison.Ordinal));
        Assert.Contains("No consultation is open for you", outside.CardText, StringComparison.Ordinal);

        var form = await PressAsync(Person("p13"), "consult.form", new { });
        Assert.Contains("Not available to you", Text(form), StringComparison.Ordinal);
        var brief = await PressAsync(Person("p13"), "consult.brief", new { consultationId = id });
        Assert.Contains("Open to your input", Text(brief), StringComparison.Ordinal);
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public async Task An_executive_drafts_in_chat_and_a_bad_draft_comes_back_with_the_fields_named()
    {
        var refused = await PressAsync(Person("p01"), "consult.create", new { title = "Office week", proposal = "Four days" });
        Assert.Contains("context is required", Text(refused), StringComparison.Ordinal);

        var closesOn = DateTimeOffset.UtcNow.AddDays(4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var created = await PressAsync(Person("p01"), "consult.create", new { title = "Office week", proposal = "Four days", context = "Collaboration", openToInput = "Which days", units = "Operations", levels = "3,4", closesOn });
        Assert.Contains("on its way to 6 managers", Text(created), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_consultations_for_managers_and_executives()
    {
        var adele = DemoUsers.Of(Person("p13"), Connector.ServiceUrl);
        await Bot.SendAsync(adele.Message("help"));
        var help = await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId);
        Assert.Contains("Consultations", help.CardText, StringComparison.Ordinal);

        var megan = DemoUsers.Megan(Connector.ServiceUrl);
        await Bot.SendAsync(megan.Message("help"));
        var executive = await Connector.WaitForAsync(a => a.ConversationId == megan.ConversationId);
        Assert.Contains("Start a consultation", executive.CardText, StringComparison.Ordinal);
    }
}
