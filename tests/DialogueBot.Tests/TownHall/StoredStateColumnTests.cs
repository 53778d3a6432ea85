using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Planning;
using DialogueBot.TownHall.Questions;

namespace DialogueBot.Tests.TownHall;

/// <summary>The status and rule enums are mapped at the entity: the rows keep their "State" and "Rule" columns and their words.</summary>
public sealed class StoredStateColumnTests : TownHallTest
{
    [Fact]
    public async Task Question_and_pair_states_and_the_pairing_rule_are_stored_in_their_columns_as_the_same_words()
    {
        var townHallId = await CreateTownHallAsync();
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        var storage = Bot.Service<AppStorage>();

        var question = Assert.Single(await storage.Table(QuestionRepository.TableName).ListPartitionAsync<TableEntity>(townHallId));
        Assert.Equal("open", question.GetString("State"));
        Assert.False(question.ContainsKey("StoredState"));

        var pair = new SkipLevelPairEntity
        {
            PartitionKey = SkipLevelPairEntity.PartitionFor("slcolumns1", 1),
            RowKey = SkipLevelPairEntity.PairIdFor("p02", "p12"),
            ProgrammeId = "slcolumns1",
            Cycle = 1,
            LeaderId = "p02",
            ManagerId = "p12",
            Week = "2026-12-07",
            State = PairState.Rescheduled,
            Rule = PairingRule.NearestBelow,
        };
        Assert.True(await Bot.Service<SkipLevelPairRepository>().TryAddAsync(pair, CancellationToken.None));
        var row = Assert.Single(await storage.Table(SkipLevelPairRepository.TableName).ListPartitionAsync<TableEntity>(pair.PartitionKey));
        Assert.Equal("rescheduled", row.GetString("State"));
        Assert.Equal("nearest-below", row.GetString("Rule"));
        Assert.False(row.ContainsKey("StoredRule"));
        Assert.False(row.ContainsKey("StoredState"));
        Assert.Equal(PairState.Rescheduled, (await Bot.Service<SkipLevelPairRepository>().FindAsync("slcolumns1", 1, pair.PairId, CancellationToken.None))!.State);
    }
}
