using System.Text.Json;
using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Testing;
using DialogueBot.Testing.Hostile;

namespace DialogueBot.Tests.Hostile;

/// <summary>
/// The hostile suite's judges must not pass vacuously: the card checker flags injected markup left live
/// and accepts what CardText makes of it; the storage snapshot sees a write.
/// </summary>
public sealed class HostileToolsTests
{
    private static JsonElement Json(AdaptiveCard card) => JsonSerializer.SerializeToElement(card, BotJson.Options);

    public static TheoryData<string> LiveMarkup => new()
    {
        "**INJbold** and _INJital_",
        "[INJlink](https://evil.example/phish)",
        "![INJimg](https://evil.example/pixel.png)",
        "<b>INJhtml</b><script>alert('INJscript')</script>",
        "{{DATE(2031-01-01T00:00:00Z,SHORT)}} INJdate",
        "INJctl\u0000\u001b[31m",
        "INJrtl \u202Egnp.exe",
    };

    [Theory]
    [MemberData(nameof(LiveMarkup))]
    public void Injected_text_left_live_in_a_TextBlock_or_a_fact_is_flagged(string text)
    {
        Assert.NotEmpty(CardSafety.Problems(Json(new AdaptiveCard { Body = [new TextBlock(text)] })));
        Assert.NotEmpty(CardSafety.Problems(Json(new AdaptiveCard { Body = [new FactSet { Facts = [new Fact("Asked by", text)] }] })));
    }

    [Fact]
    public void A_link_to_the_attackers_host_is_flagged()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("x")], Actions = [new OpenUrlAction("Open", "https://evil.example/INJurl")] };

        Assert.NotEmpty(CardSafety.Problems(Json(card)));
    }

    [Fact]
    public void Every_hostile_payload_put_on_a_card_through_CardText_is_safe()
    {
        foreach (var (name, text) in HostilePayloads.All)
        {
            var card = new AdaptiveCard
            {
                Body =
                [
                    CardText.User(text),
                    new TextBlock(CardText.Markdown(text)),
                    new FactSet { Facts = [new Fact("Asked by", CardText.Markdown(text))] },
                ],
            };

            Assert.True(CardSafety.Problems(Json(card)).Count == 0, $"{name}: {string.Join("; ", CardSafety.Problems(Json(card)))}");
            CardSchema.AssertValid(Json(card).GetRawText(), name);
        }
    }

    [Fact]
    public void Refusal_cards_are_recognised_and_ordinary_ones_are_not()
    {
        Assert.True(CardSafety.IsRefusal(Json(StatusCards.Stale())));
        Assert.True(CardSafety.IsRefusal(Json(StatusCards.NotAllowed("close a pulse"))));
        Assert.True(CardSafety.IsRefusal(Json(StatusCards.Problem("No", "Not like that."))));
        Assert.False(CardSafety.IsRefusal(Json(new AdaptiveCard { Body = [new TextBlock("Thanks, your answer is in.")] })));
        Assert.True(CardSafety.IsUnexpectedFailure(Json(StatusCards.Unexpected("abc"))));
    }

    [Fact]
    public async Task The_storage_snapshot_sees_a_row_written_and_a_message_enqueued()
    {
        await using var bot = await BotAppFactory.StartAsync(new BotAppOptions { SeedDemoOrg = false, RunWorker = false });
        var snapshot = new StorageSnapshot(bot);
        Assert.NotEmpty(await snapshot.ListTablesAsync());
        var empty = await snapshot.TakeAsync();

        await bot.Service<WorkLedger>().TryClaimAsync("test.kind", "key-1", "owner", TimeSpan.FromMinutes(1), CancellationToken.None);
        var withRow = await snapshot.TakeAsync();
        await bot.Service<WorkQueue>().EnqueueAsync("test.kind", "key-2", new { });
        var withMessage = await snapshot.TakeAsync();

        Assert.NotEqual(empty, withRow);
        Assert.NotEqual(withRow, withMessage);
        // The ledger keeps the key only as its digest (WorkSeal): the snapshot sees that digest appear.
        Assert.Contains(bot.Service<WorkSeal>().LedgerKey("test.kind", "key-1"), StorageSnapshot.Diff(empty, withRow), StringComparison.Ordinal);
    }
}
