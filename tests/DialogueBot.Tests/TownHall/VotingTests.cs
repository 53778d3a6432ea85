using System.Net.Http.Json;
using System.Text;
using DialogueBot.Testing;
using DialogueBot.TownHall.QuestionVotes;

namespace DialogueBot.Tests.TownHall;

/// <summary>One vote per person, undo, exact counts under concurrency, and merging without double counting.</summary>
public sealed class VotingTests(SharedBot host) : TownHallTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task A_person_votes_once_however_often_they_press()
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        var question = Assert.Single(await QuestionsAsync(townHallId));
        var lee = User("p06");

        await VoteAsync(lee, townHallId, question.Id);
        await VoteAsync(lee, townHallId, question.Id);
        await Task.WhenAll(VoteAsync(lee, townHallId, question.Id), VoteAsync(lee, townHallId, question.Id));

        Assert.Equal(1, (await QuestionsAsync(townHallId)).Single().Votes);
        Assert.Single(await Bot.Service<QuestionVoteRepository>().ListAsync(townHallId, question.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Undo_removes_the_vote_and_the_board_offers_to_vote_again()
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        var question = Assert.Single(await QuestionsAsync(townHallId));
        var lee = User("p06");

        var voted = await VoteAsync(lee, townHallId, question.Id);
        Assert.Contains("Remove my vote", TextOf(voted), StringComparison.Ordinal);
        Assert.Equal(1, (await QuestionsAsync(townHallId)).Single().Votes);

        var undone = await VoteAsync(lee, townHallId, question.Id, on: false);
        Assert.Contains("Your vote was removed", TextOf(undone), StringComparison.Ordinal);
        Assert.Contains("Upvote", TextOf(undone), StringComparison.Ordinal);
        Assert.Equal(0, (await QuestionsAsync(townHallId)).Single().Votes);
        await VoteAsync(lee, townHallId, question.Id, on: false);
        Assert.Equal(0, (await QuestionsAsync(townHallId)).Single().Votes);
    }

    [Fact]
    public async Task Sixty_people_voting_at_once_are_counted_exactly_and_undo_races_stay_exact()
    {
        var voters = await ImportLargeOrgAsync(60);
        var townHallId = await CreateTownHallAsync(asUser: HrAad, hosts: ["c1"]);
        await AskAsync(voters[0], townHallId, "What does the reorganisation mean for regional sales?");
        var question = Assert.Single(await QuestionsAsync(townHallId));

        await Task.WhenAll(voters.Select(v => VoteAsync(v, townHallId, question.Id)));

        Assert.Equal(60, (await QuestionsAsync(townHallId)).Single().Votes);

        // Twenty undo while the same twenty press "upvote" again, and twenty others undo: 60 - 20 = 40.
        await Task.WhenAll(voters.Take(20).Select(v => VoteAsync(v, townHallId, question.Id, on: false))
            .Concat(voters.Skip(20).Take(20).Select(v => VoteAsync(v, townHallId, question.Id, on: true))));
        Assert.Equal(40, (await QuestionsAsync(townHallId)).Single().Votes);
        Assert.Equal(40, (await Bot.Service<QuestionVoteRepository>().ListAsync(townHallId, question.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Merging_combines_votes_and_counts_a_person_who_voted_for_both_once()
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        await AskAsync(User("p14"), townHallId, "Is there budget for conference travel next year?");
        var first = await QuestionAsync(townHallId, "Will the hiring freeze affect backfills?");
        var second = await QuestionAsync(townHallId, "Is there budget for conference travel next year?");
        foreach (var id in new[] { "p06", "p07", "p08" })
        {
            await VoteAsync(User(id), townHallId, first.Id);
        }

        foreach (var id in new[] { "p07", "p08", "p09" })
        {
            await VoteAsync(User(id), townHallId, second.Id);
        }

        using var host = Api("00000000-0000-0000-0000-0000000000021"); // Megan Bowen, the host
        using var response = await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{second.Id}/moderation", new { action = "merge", into = first.Id });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var merged = await QuestionAsync(townHallId, first.Text);
        Assert.Equal(4, merged.Votes);
        var source = (await QuestionsAsync(townHallId)).Single(q => q.Id == second.Id);
        Assert.Equal("merged", source.StoredState);
        Assert.Equal(first.Id, source.MergedInto);
        Assert.Equal(0, source.Votes);
        Assert.Equal(4, (await Bot.Service<QuestionVoteRepository>().ListAsync(townHallId, first.Id, CancellationToken.None)).Count);

        // A later vote from someone who already voted for both still counts once.
        await VoteAsync(User("p07"), townHallId, first.Id);
        Assert.Equal(4, (await QuestionAsync(townHallId, first.Text)).Votes);
    }

    private const string HrAad = "b0000000-0000-4000-8000-000000000002";

    private async Task<List<TeamsUser>> ImportLargeOrgAsync(int managers)
    {
        var csv = new StringBuilder("id,aadObjectId,email,name,managerId,orgUnit,role\n");
        csv.Append("c1,b0000000-0000-4000-8000-000000000001,ceo@big.example,Cora Chief,,Exec,executive\n");
        csv.Append($"h1,{HrAad},hr@big.example,Hugo Human,c1,People,hr\n");
        var users = new List<TeamsUser>();
        for (var i = 1; i <= managers; i++)
        {
            var aad = $"c0000000-0000-4000-8000-{i:D12}";
            csv.Append($"m{i:D3},{aad},m{i}@big.example,Manager {i},c1,Sales,manager\n");
            users.Add(new TeamsUser(aad, $"Manager {i}", Connector.ServiceUrl));
        }

        await Bot.ImportOrgAsync(csv.ToString());
        return users;
    }
}
