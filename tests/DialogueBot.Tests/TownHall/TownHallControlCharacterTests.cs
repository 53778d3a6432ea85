using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Testing;
using DialogueBot.Testing.Hostile;

namespace DialogueBot.Tests.TownHall;

/// <summary>
/// Issue 12, item 9: a town-hall question holding NUL, BEL, ESC, a right-to-left override and U+FEFF, asked
/// through the card, the "ask" command and the API, is stored and shown without them.
/// </summary>
public sealed class TownHallControlCharacterTests : TownHallTest
{
    [Fact]
    public async Task Questions_with_control_and_bidi_characters_are_stored_and_shown_without_them_however_they_are_asked()
    {
        var townHallId = await CreateTownHallAsync(title: "Q3\u0000 town hall\u202E");
        var adele = User("p13");

        var card = await AskAsync(adele, townHallId, "Card: why\u0000 the\u0007 reorg\u001b[31m \u202Etxt.exe\uFEFF?");
        await AskByTypingAsync(User("p14"), townHallId, "Command: who\u0000 decides\u0007\u001b[0m \u202Eon hiring\uFEFF?");
        using var api = Api("00000000-0000-0000-0000-0000000000022");
        using var posted = await api.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions", new { text = "Api: what\u0000 about\u0007 bonuses\u001b \u202Ethis year\uFEFF?" });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        string[] expected = ["Card: why the reorg[31m txt.exe?", "Command: who decides[0m on hiring?", "Api: what about bonuses this year?"];
        await WaitUntilStoredAsync(townHallId, expected.Length);
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await QuestionsAsync(townHallId)).Select(q => q.Text).Order(StringComparer.Ordinal));
        var raw = (await new StorageSnapshot(Bot).StringsAsync()).Where(s => HostilePayloads.HasControlOrBidi(s.Value)).ToList();
        Assert.True(raw.Count == 0, "Stored raw: " + string.Join("; ", raw.Select(s => $"{s.Table} {s.Row} {s.Property}")));

        Assert.Contains(expected[0], TextOf(card), StringComparison.Ordinal);
        Assert.Empty(CardSafety.Problems(card));
        await Bot.SendAsync(adele.Message("questions"));
        var board = await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId && a.CardText.Contains("Api: what about", StringComparison.Ordinal));
        Assert.All(expected, e => Assert.Contains(e, board.CardText, StringComparison.Ordinal));
        Assert.Empty(CardSafety.Problems(board.Card));

        var json = await api.GetFromJsonAsync<JsonElement>($"/api/townhalls/{townHallId}/questions");
        Assert.Equal(expected.Order(StringComparer.Ordinal), json.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("text").GetString()!).Order(StringComparer.Ordinal));
        Assert.Empty(Connector.CardSchemaErrors);
    }

    private async Task WaitUntilStoredAsync(string townHallId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await QuestionsAsync(townHallId)).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
