using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Consultation.Concerns;

namespace DialogueBot.Tests.Consultation;

/// <summary>The concern board: raising (with the shared duplicate detector), voting, merging with distinct voters, answering.</summary>
public sealed class ConsultationConcernTests : ConsultationTest
{
    private async Task<ConcernEntity> ConcernAsync(string id, int number) =>
        (await Bot.Service<ConcernRepository>().FindAsync(id, ConcernEntity.IdOf(number), CancellationToken.None))!;

    [Fact]
    public async Task Merge_keeps_distinct_voters()
    {
        var id = await CreateAsync();
        await RaiseAsync(Person("p12"), id, "Carers cannot do four fixed office days");
        await RaiseAsync(Person("p18"), id, "What about people with long commutes to the office?");
        var (first, second) = (ConcernEntity.IdOf(1), ConcernEntity.IdOf(2));

        // p13 votes for both; p14 only the first; p15 and p16 only the second.
        foreach (var (person, concern) in new[] { ("p13", first), ("p13", second), ("p14", first), ("p15", second), ("p16", second) })
        {
            await VoteAsync(Person(person), id, concern);
        }

        await VoteAsync(Person("p14"), id, first); // a repeated press counts once
        Assert.Equal(2, (await ConcernAsync(id, 1)).Votes);
        Assert.Equal(3, (await ConcernAsync(id, 2)).Votes);

        using var client = Api();
        using var response = await client.PostAsJsonAsync($"/api/consultations/{id}/concerns/{second}/merge", new { into = first });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        // p13, p14, p15, p16: four people, not 2 + 3.
        Assert.Equal(4, (await ConcernAsync(id, 1)).Votes);
        Assert.Equal("merged", (await ConcernAsync(id, 2)).State);

        // A vote on the merged item goes to the one it joined, and p13 still counts once.
        await VoteAsync(Person("p13"), id, second);
        await VoteAsync(Person("p17"), id, second);
        Assert.Equal(5, (await ConcernAsync(id, 1)).Votes);

        var board = await GetJsonAsync($"/api/consultations/{id}/concerns", Person("p13").AadObjectId!);
        var item = Assert.Single(board.GetProperty("items").EnumerateArray());
        Assert.Equal(5, item.GetProperty("votes").GetInt32());
        Assert.True(item.GetProperty("voted").GetBoolean());
        Assert.Equal(second, board.GetProperty("merged")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_similar_item_is_offered_to_upvote_and_the_executive_sees_merge_suggestions()
    {
        var id = await CreateAsync();
        await RaiseAsync(Person("p12"), id, "Will the four day office week apply to carers?");

        var offer = await RaiseAsync(Person("p13"), id, "Does the four day office week apply to carers too?", force: false);
        Assert.Contains("#1 on the board says something similar", Text(offer), StringComparison.Ordinal);
        Assert.Contains("Upvote #1", Text(offer), StringComparison.Ordinal);

        await RaiseAsync(Person("p13"), id, "Does the four day office week apply to carers too?", force: true);
        var board = await GetJsonAsync($"/api/consultations/{id}/concerns");
        var suggestion = Assert.Single(board.GetProperty("suggestions").EnumerateArray());
        Assert.Equal(ConcernEntity.IdOf(2), suggestion.GetProperty("sourceId").GetString());
        Assert.Equal(ConcernEntity.IdOf(1), suggestion.GetProperty("targetId").GetString());

        // Managers see no suggestions (nor any author of an anonymous item).
        var managerBoard = await GetJsonAsync($"/api/consultations/{id}/concerns", Person("p14").AadObjectId!);
        Assert.Empty(managerBoard.GetProperty("suggestions").EnumerateArray());
        Assert.All(managerBoard.GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("author").ValueKind));
    }

    [Fact]
    public async Task A_retried_press_is_one_item_a_named_item_carries_its_author_and_the_executive_answers()
    {
        var id = await CreateAsync();
        var data = new { consultationId = id, submitId = "same-form-press", kind = "question", text = "Which office days are fixed for the Finance team?", anonymous = "false" };
        var first = await PressAsync(Person("p10"), "consult.raise", data);
        var second = await PressAsync(Person("p10"), "consult.raise", data);
        Assert.Contains("#1", Text(first), StringComparison.Ordinal);
        Assert.Contains("#1 is on the board", Text(second), StringComparison.Ordinal);

        var refused = await PressAsync(Person("p10"), "consult.answer", new { consultationId = id, concernId = ConcernEntity.IdOf(1), answer_c0001 = "Mine" });
        Assert.Contains("Only the executive", Text(refused), StringComparison.Ordinal);

        var answered = await PressAsync(Person("p01"), "consult.answer", new { consultationId = id, concernId = ConcernEntity.IdOf(1), answer_c0001 = "Monday to Thursday, like everyone." });
        Assert.Contains("Monday to Thursday", Text(answered), StringComparison.Ordinal);

        var board = await GetJsonAsync($"/api/consultations/{id}/concerns", Person("p12").AadObjectId!);
        var item = Assert.Single(board.GetProperty("items").EnumerateArray());
        Assert.Equal("Joni Sherman", item.GetProperty("author").GetString());
        Assert.Equal("Question", item.GetProperty("kind").GetString());
        Assert.Equal("Monday to Thursday, like everyone.", item.GetProperty("answer").GetString());
        Assert.Empty(Connector.CardSchemaErrors);
    }
}
