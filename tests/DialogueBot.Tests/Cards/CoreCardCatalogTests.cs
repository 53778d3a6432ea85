using DialogueBot.Cards;
using DialogueBot.Conversations;
using DialogueBot.Demo;
using DialogueBot.Help;
using DialogueBot.Org;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Cards;

/// <summary>The core cards, validated and saved for the renderer test.</summary>
public class CoreCardCatalogTests
{
    private static readonly IReadOnlyList<OrgPerson> Demo = OrgChartCsv.Parse(DemoSeeder.DemoOrgCsv()).People;

    private static Caller CallerFor(string id)
    {
        var person = Demo.Single(p => p.Id == id);
        return new Caller(person.AadObjectId!, person);
    }

    [Fact]
    public void Welcome_cards_for_each_role()
    {
        CardCatalog.Save("core-welcome-manager", WelcomeCard.Build(CallerFor("p13"), 5));
        CardCatalog.Save("core-welcome-hr", WelcomeCard.Build(CallerFor("p12"), 5));
        CardCatalog.Save("core-welcome-executive", WelcomeCard.Build(CallerFor("p01"), 5));
        CardCatalog.Save("core-welcome-unknown", WelcomeCard.Build(new Caller("x", null), 5));
    }

    [Fact]
    public void Help_cards_for_each_role()
    {
        var help = new HelpCard([new CoreHelp()]);
        CardCatalog.Save("core-help-hr", help.Build(CallerFor("p12")));
        CardCatalog.Save("core-help-manager", help.Build(CallerFor("p13")));
        CardCatalog.Save("core-help-unknown", help.Build(new Caller("x", null)));
    }

    [Fact]
    public void Status_cards()
    {
        CardCatalog.Save("core-status-problem", StatusCards.Problem("Missing answer", "Please answer question 2 before sending."));
        CardCatalog.Save("core-status-notice", StatusCards.Notice("This pulse is closed", "It closed on Friday; results open on Monday."));
        CardCatalog.Save("core-status-stale", StatusCards.Stale());
        CardCatalog.Save("core-status-not-allowed", StatusCards.NotAllowed("see results"));
        CardCatalog.Save("core-status-unexpected", StatusCards.Unexpected("0af7651916cd"));
    }

    [Fact]
    public void User_text_is_cleaned_and_shown_without_markdown()
    {
        var block = CardText.User("Hi\u0000 there\u202E [x](http://evil) {{DATE(2026-01-01T00:00:00Z)}}" + new string('a', 2000), maxLength: 100);
        var run = Assert.Single(block.Inlines);

        Assert.DoesNotContain('\u0000', run.Text);
        Assert.DoesNotContain('\u202E', run.Text);
        Assert.DoesNotContain("{{", run.Text, StringComparison.Ordinal);
        Assert.Contains("[x](http://evil)", run.Text, StringComparison.Ordinal);
        Assert.True(run.Text.Length <= 101);
        Assert.Equal(@"\*\*bold\*\* \[x\]\(y\)", CardText.Markdown("**bold** [x](y)"));
    }
}
