using System.Text.Json;
using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.TownHall;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.Tests.TownHall;

/// <summary>What the town-hall cards write is what the routes read: one record per verb, and a bad field named. No host.</summary>
public class TownHallCardDataTests
{
    private static readonly TownHallEntity Hall = new() { RowKey = "thdata0001", Title = "Q3", OpensAt = DateTimeOffset.UnixEpoch, ClosesAt = DateTimeOffset.MaxValue, EventAt = DateTimeOffset.MaxValue };

    private static readonly QuestionEntity Question = new() { PartitionKey = Hall.Id, RowKey = QuestionEntity.IdOf(3), Text = "Will the hiring freeze affect backfills?", State = QuestionState.Open };

    /// <summary>The data of the first action with <paramref name="verb"/>, as it goes on the wire.</summary>
    private static JsonElement DataOf(AdaptiveCard card, string verb)
    {
        var json = JsonSerializer.SerializeToElement(card, BotJson.Options);
        return Find(json, verb) ?? throw new InvalidOperationException($"No {verb} in {json}");

        static JsonElement? Find(JsonElement e, string verb)
        {
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("verb", out var v) && v.GetString() == verb && e.TryGetProperty("data", out var d))
            {
                return d;
            }

            var children = e.ValueKind switch
            {
                JsonValueKind.Object => e.EnumerateObject().Select(p => p.Value),
                JsonValueKind.Array => e.EnumerateArray(),
                _ => [],
            };
            return children.Select(c => Find(c, verb)).FirstOrDefault(f => f is not null);
        }
    }

    [Fact]
    public void The_receipt_card_buttons_carry_the_askers_token_to_the_records_the_routes_read()
    {
        var card = TownHallCards.Posted(Hall, Question, 500, token: "tok", following: true);

        Assert.Equal(new WithdrawData(Hall.Id, Question.Id, "tok"), CardDataJson.Read<WithdrawData>(DataOf(card, TownHallCards.WithdrawVerb)).Value);
        Assert.Equal(new FollowData(Hall.Id, Question.Id, "tok", false), CardDataJson.Read<FollowData>(DataOf(card, TownHallCards.FollowVerb)).Value);
        var board = CardDataJson.Read<BoardData>(DataOf(card, TownHallCards.BoardVerb)).Value!;
        Assert.Equal((Hall.Id, BoardFilter.Open, 0, "tok"), (board.TownHallId, board.Filter, board.Page, Assert.Single(board.Tokens!)));
    }

    [Fact]
    public void Ask_anyway_keeps_the_form_choices_and_its_ask_id()
    {
        var card = TownHallCards.Duplicate(Hall, Question, "Does the freeze affect backfills?", anonymous: false, follow: true, askId: "ask-1");

        Assert.Equal(new AskData(Hall.Id, "Does the freeze affect backfills?", false, true, true, "ask-1"), CardDataJson.Read<AskData>(DataOf(card, TownHallCards.AskVerb)).Value);
        Assert.Equal(new VoteData(Hall.Id, Question.Id, true), CardDataJson.Read<VoteData>(DataOf(card, TownHallCards.VoteVerb)).Value);
    }

    [Fact]
    public void Moderation_reads_the_inputs_of_its_own_question()
    {
        var data = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["townHallId"] = Hall.Id,
            ["questionId"] = Question.Id,
            ["action"] = "dismiss",
            [BoardCard.InputId("reason", Question.Id)] = "Out of scope",
            [BoardCard.InputId("reason", "000009")] = "Another question's input",
        });

        var moderate = CardDataJson.Read<ModerateData>(data).Value!;

        Assert.Equal(ModerationAction.Dismiss, moderate.Action);
        Assert.Equal("Out of scope", moderate.Input("reason"));
        Assert.Null(moderate.Input("answer"));
    }

    [Theory]
    [InlineData("""{"townHallId":"thdata0001","questionId":"000003","on":"maybe"}""", "The field 'on' is not valid.")]
    [InlineData("""{"townHallId":"thdata0001","on":true}""", "The field 'questionId' is missing.")]
    [InlineData("""{"townHallId":"thdata0001","questionId":"000003","page":"two"}""", "The field 'page' is not valid.")]
    [InlineData("""{"townHallId":"thdata0001","questionId":"000003","filter":"everything"}""", "The field 'filter' is not valid.")]
    public void A_vote_with_a_bad_field_is_refused_naming_it(string json, string error) =>
        Assert.Equal(error, CardDataJson.Read<VoteData>(JsonDocument.Parse(json).RootElement).Error);

    [Fact]
    public void An_unknown_moderation_action_is_refused_naming_the_field() =>
        Assert.Equal("The field 'action' is not valid.", CardDataJson.Read<ModerateData>(JsonDocument.Parse("""{"townHallId":"t","questionId":"000001","action":"delete"}""").RootElement).Error);
}
