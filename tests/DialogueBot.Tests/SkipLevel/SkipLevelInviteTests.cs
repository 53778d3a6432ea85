using System.Text;
using System.Text.Json;
using DialogueBot.Demo;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Cards;
using DialogueBot.SkipLevel.Invites;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.Testing;

namespace DialogueBot.Tests.SkipLevel;

/// <summary>The calendar invite once both sides confirmed: a card and an .ics file, one per side.</summary>
public sealed class SkipLevelInviteTests : SkipLevelBotTest
{
    [Fact]
    public async Task Once_both_confirm_each_gets_an_ics_invite_for_the_week_and_not_before()
    {
        await InstallAsync("p02", "p12");
        var id = await CreateAndLaunchAsync();

        await Bot.InvokeCardAsync(User("p12").Execute(PairCard.ConfirmVerb, PairData(id, "p02", "p12")));
        Assert.Empty(Invites("p12"));
        await Bot.InvokeCardAsync(User("p02").Execute(PairCard.ConfirmVerb, PairData(id, "p02", "p12")));

        await Connector.WaitUntilAsync(_ => Invites("p12").Count == 1 && Invites("p02").Count == 1);
        var toManager = Invites("p12").Single();
        Assert.Contains("Confirmed: your skip-level with Nestor Wilke", toManager.CardText, StringComparison.Ordinal);
        var file = toManager.Body.GetProperty("attachments").EnumerateArray().Single(a => a.GetProperty("contentType").GetString() == CalendarInvite.ContentType);
        Assert.Equal("skip-level.ics", file.GetProperty("name").GetString());
        var ics = Encoding.UTF8.GetString(Convert.FromBase64String(file.GetProperty("contentUrl").GetString()!.Split(',')[1]));
        Assert.Contains("DTSTART;VALUE=DATE:20261207", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Skip-level: Nestor Wilke and Alex Wilber", ics, StringComparison.Ordinal);
        Assert.Empty(Connector.CardSchemaErrors);
    }

    [Fact]
    public void The_ics_escapes_text_and_folds_long_lines()
    {
        var org = new OrgSnapshot("v", OrgChartCsv.Parse(DemoSeeder.DemoOrgCsv()).People);
        var programme = new SkipLevelProgrammeEntity { RowKey = "sl0123456789", Name = "Winter; skip-levels, with a long name that makes the description line longer than seventy-five octets", MeetingMinutes = 30 };
        var pair = new SkipLevelPairEntity { PartitionKey = SkipLevelPairEntity.PartitionFor(programme.Id, 1), RowKey = SkipLevelPairEntity.PairIdFor("p02", "p12"), ProgrammeId = programme.Id, Cycle = 1, LeaderId = "p02", ManagerId = "p12", Week = "2026-12-07" };

        var ics = CalendarInvite.Ics(programme, pair, org.FindById("p02")!, org.FindById("p12")!, DateTimeOffset.UnixEpoch);

        Assert.Contains("Winter\\; skip-levels\\,", ics, StringComparison.Ordinal);
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains("DTEND;VALUE=DATE:20261212", ics, StringComparison.Ordinal);
        Assert.Contains("TRANSP:TRANSPARENT", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void The_invite_card_is_in_the_catalog()
    {
        var org = new OrgSnapshot("v", OrgChartCsv.Parse(DemoSeeder.DemoOrgCsv()).People);
        var pair = new SkipLevelPairEntity { Week = "2026-12-07" };
        CardCatalog.Save("skiplevel-invite", SkipLevelInviteHandler.InviteCard(pair, org.FindById("p02")!, withMeeting: false));
        CardCatalog.Save("skiplevel-invite-with-meeting", SkipLevelInviteHandler.InviteCard(pair, org.FindById("p02")!, withMeeting: true));
    }

    private List<ReceivedActivity> Invites(string personId) =>
        Connector.ActivitiesIn(User(personId).ConversationId).Where(a => Heading(a).StartsWith("Confirmed:", StringComparison.Ordinal)).ToList();
}
