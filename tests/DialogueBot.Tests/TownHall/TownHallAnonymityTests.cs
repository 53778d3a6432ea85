using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Org;
using DialogueBot.Testing;
using DialogueBot.TownHall.Questions;

namespace DialogueBot.Tests.TownHall;

/// <summary>The anonymity promise for questions, checked against everything actually stored and served.</summary>
public sealed class TownHallAnonymityTests(SharedBot host) : TownHallTest(host), IClassFixture<SharedBot>
{
    [Fact]
    public async Task No_stored_row_carries_an_anonymous_askers_id_name_or_conversation()
    {
        var townHallId = await CreateTownHallAsync();
        var adele = User("p13");
        await Bot.SendAsync(adele.Install());
        var receipt = await AskByTypingAsync(adele, townHallId, "Will the hiring freeze affect backfills for leavers?");
        await AskAsync(adele, townHallId, "Is there budget for conference travel next year?", anonymous: true, follow: true);
        var freeze = await QuestionAsync(townHallId, "Will the hiring freeze affect backfills for leavers?");
        var travel = await QuestionAsync(townHallId, "Is there budget for conference travel next year?");
        var token = TokenOf(receipt);
        var edited = await Bot.InvokeCardAsync(adele.Execute("townhall.edit", new { townHallId, questionId = freeze.Id, text = "Will the hiring freeze affect backfills for people who leave?", token }));
        Assert.Contains("Your question was updated", TextOf(edited), StringComparison.Ordinal);
        await VoteAsync(User("p06"), townHallId, freeze.Id);
        using var host = Api("00000000-0000-0000-0000-0000000000021");
        (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{freeze.Id}/moderation", new { action = "pin" })).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/townhalls/{townHallId}/questions/{travel.Id}/moderation", new { action = "answer", text = "Yes, within team budgets." })).EnsureSuccessStatusCode();
        await Connector.WaitForAsync(a => a.ConversationId == adele.ConversationId && a.CardText.Contains("Yes, within team budgets.", StringComparison.Ordinal), TimeSpan.FromSeconds(20));

        var person = DemoUsers.All.Single(p => p.Id == "p13");
        var forbidden = new[] { adele.AadObjectId, adele.UserId, adele.ConversationId, person.Name, person.Email!, "Adele" };
        var storage = Bot.Service<AppStorage>();
        var scanned = 0;
        foreach (var table in storage.TableNames.Except([OrgChartRepository.TableName, ConversationReferenceRepository.TableName]))
        {
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>())
            {
                scanned++;
                var text = Flatten(row);
                foreach (var value in forbidden)
                {
                    Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"Table {table} row {row.PartitionKey}/{row.RowKey} holds '{value}'.");
                }
            }
        }

        Assert.True(scanned > 5);
        foreach (var question in await QuestionsAsync(townHallId))
        {
            Assert.Equal("", question.AuthorPersonId);
            Assert.DoesNotContain("p13", Flatten(await storage.Table(QuestionRepository.TableName).GetEntityAsync<TableEntity>(question.PartitionKey, question.RowKey)), StringComparison.Ordinal);
        }

        // The API never tells anyone, not even a host, who asked an anonymous question.
        var board = await host.GetStringAsync($"/api/townhalls/{townHallId}/questions?filter=open");
        Assert.DoesNotContain("Adele", board, StringComparison.Ordinal);
        Assert.DoesNotContain("p13", board, StringComparison.Ordinal);
        Assert.DoesNotContain("authorHash", board, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token", board, StringComparison.OrdinalIgnoreCase);
        var first = JsonDocument.Parse(board).RootElement.GetProperty("questions")[0];
        Assert.Equal(JsonValueKind.Null, first.GetProperty("author").ValueKind);
        Assert.False(first.GetProperty("mine").GetBoolean());
    }

    [Fact]
    public async Task Two_anonymous_questions_by_one_person_cannot_be_linked_by_their_author_values()
    {
        var townHallId = await CreateTownHallAsync();
        var adele = User("p13");
        var tokens = new[]
        {
            TokenOf(await AskAsync(adele, townHallId, "Will the hiring freeze affect backfills?")),
            TokenOf(await AskAsync(adele, townHallId, "Is there budget for conference travel next year?")),
        };

        var questions = await QuestionsAsync(townHallId);
        Assert.Equal(2, questions.Select(q => q.AskerTokenHash).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2, tokens.Distinct(StringComparer.Ordinal).Count());

        // "Mine" comes from the tokens the asker holds (the tab keeps them in the browser), not from who calls.
        using var mine = Api(adele.AadObjectId);
        mine.DefaultRequestHeaders.Add("X-Asker-Tokens", string.Join(',', tokens));
        var board = await mine.GetFromJsonAsync<JsonElement>($"/api/townhalls/{townHallId}/questions?filter=mine");
        Assert.Equal(2, board.GetProperty("questions").GetArrayLength());
        using var bare = Api(adele.AadObjectId);
        Assert.Equal(0, (await bare.GetFromJsonAsync<JsonElement>($"/api/townhalls/{townHallId}/questions?filter=mine")).GetProperty("questions").GetArrayLength());
        using var other = Api("d0000000-0000-4000-8000-000000000014");
        var theirs = await other.GetFromJsonAsync<JsonElement>($"/api/townhalls/{townHallId}/questions?filter=mine");
        Assert.Equal(0, theirs.GetProperty("questions").GetArrayLength());

        // On Teams, the receipt's "See my questions" button carries the token into the board card.
        var mineCard = await Bot.InvokeCardAsync(adele.Execute("townhall.board", new { townHallId, filter = "mine", page = 0, tokens = new[] { tokens[0] } }));
        Assert.Contains("Will the hiring freeze affect backfills?", TextOf(mineCard), StringComparison.Ordinal);
        Assert.DoesNotContain("conference travel", TextOf(mineCard), StringComparison.Ordinal);
    }

    private static string Flatten(TableEntity row)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in row)
        {
            builder.Append(key).Append('=').Append(value).Append('\n');
        }

        return builder.ToString();
    }
}
