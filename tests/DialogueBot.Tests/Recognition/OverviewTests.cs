using System.Net;
using DialogueBot.Recognition;

namespace DialogueBot.Tests.Recognition;

/// <summary>The overlooked middle on the demo org: who has never been recognised, and how recognition spreads.</summary>
public sealed class OverviewTests : RecognitionBotTest
{
    // The demo seed recognises Pradeep (p14, featured), Henrietta (p15, featured), Enrico (p18, approved) and
    // Debra (p20, pending); Raul's (p23) nomination is declined, so he still counts as never recognised.
    // Cameron White (p22) is on leave: away, not overlooked.
    private static readonly string[] NeverRecognised =
        ["p06", "p07", "p08", "p09", "p10", "p11", "p12", "p13", "p16", "p17", "p19", "p21", "p23", "p24", "p25", "p26"];

    [Fact]
    public async Task The_never_recognised_list_and_the_counts_are_right_on_the_demo_org()
    {
        await Bot.Service<RecognitionDemoSeed>().SeedAsync(CancellationToken.None);
        await Bot.Service<RecognitionDemoSeed>().SeedAsync(CancellationToken.None); // a restart seeds nothing more

        using var hr = ClientAs("p05");
        using var response = await hr.GetAsync("/api/recognition/overview");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var overview = await JsonAsync(response);

        Assert.Equal(NeverRecognised, overview.GetProperty("neverRecognised").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(20, overview.GetProperty("managers").GetInt32());
        var byUnit = overview.GetProperty("byUnit").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!, u => u.GetProperty("nominations").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Engineering/Platform"] = 1, ["Engineering/Product"] = 1, ["Operations/Supply"] = 1, ["Operations/Service"] = 1 }, byUnit);
        var byLevel = overview.GetProperty("byLevel").EnumerateArray().ToDictionary(l => l.GetProperty("level").GetInt32(), l => l.GetProperty("nominations").GetInt32());
        Assert.Equal(new Dictionary<int, int> { [4] = 4 }, byLevel);
        var byState = overview.GetProperty("byState").EnumerateArray().ToDictionary(s => s.GetProperty("state").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Pending"] = 1, ["Approved"] = 1, ["Featured"] = 2, ["Declined"] = 1 }, byState);
    }

    [Fact]
    public async Task The_review_card_lists_the_queue_and_the_never_recognised_for_HR()
    {
        await Bot.Service<RecognitionDemoSeed>().SeedAsync(CancellationToken.None);

        await Bot.SendAsync(User("p05").Message("recognise review"));
        var card = await Connector.WaitForAsync(a => a.ConversationId == User("p05").ConversationId && a.CardText.Contains("Nominations to review", StringComparison.Ordinal));

        Assert.Contains("1 nomination waiting", card.CardText, StringComparison.Ordinal);
        Assert.Contains("Debra Berger", card.CardText, StringComparison.Ordinal);
        Assert.Contains("Never recognised (16 of 20 managers)", card.CardText, StringComparison.Ordinal);
        Assert.Contains("Raul Razo", card.CardText, StringComparison.Ordinal);
        Assert.True(Connector.CardSchemaErrors.IsEmpty, string.Join("\n", Connector.CardSchemaErrors));
    }
}
