using DialogueBot.Testing;

namespace DialogueBot.Tests.TownHall;

/// <summary>Issue 20: the vote flag is read strictly; a value that is neither true nor false counts for nothing.</summary>
public sealed class VoteFlagTests(SharedBot host) : TownHallTest(host), IClassFixture<SharedBot>
{
    public static TheoryData<object> NotABoolean() => ["maybe", "yes", 1, 0, "", new[] { true }, new { on = true }];

    [Theory]
    [MemberData(nameof(NotABoolean))]
    public async Task A_vote_whose_on_is_not_a_boolean_is_refused_with_a_card_and_changes_nothing(object on)
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        var question = Assert.Single(await QuestionsAsync(townHallId));
        var lee = User("p06");

        var refused = await Bot.InvokeCardAsync(lee.Execute("townhall.vote", new { townHallId, questionId = question.Id, on }));

        Assert.Contains("does not understand", TextOf(refused), StringComparison.Ordinal);
        Assert.Contains("See top questions", TextOf(refused), StringComparison.Ordinal);
        Assert.Equal(0, (await QuestionsAsync(townHallId)).Single().Votes);

        // And it does not undo a vote either.
        await VoteAsync(lee, townHallId, question.Id);
        await Bot.InvokeCardAsync(lee.Execute("townhall.vote", new { townHallId, questionId = question.Id, on }));
        Assert.Equal(1, (await QuestionsAsync(townHallId)).Single().Votes);
    }

    [Theory]
    [InlineData("true", 1)]
    [InlineData("TRUE", 1)]
    [InlineData("false", 0)]
    public async Task The_strings_a_toggle_sends_still_count(string on, int votes)
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        var question = Assert.Single(await QuestionsAsync(townHallId));

        await Bot.InvokeCardAsync(User("p06").Execute("townhall.vote", new { townHallId, questionId = question.Id, on }));

        Assert.Equal(votes, (await QuestionsAsync(townHallId)).Single().Votes);
    }

    [Fact]
    public async Task A_vote_without_on_is_an_upvote_as_before()
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        var question = Assert.Single(await QuestionsAsync(townHallId));

        await Bot.InvokeCardAsync(User("p06").Execute("townhall.vote", new { townHallId, questionId = question.Id }));

        Assert.Equal(1, (await QuestionsAsync(townHallId)).Single().Votes);
    }
}
