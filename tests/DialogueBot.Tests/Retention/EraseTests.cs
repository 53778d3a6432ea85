using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Deliveries;
using DialogueBot.Consultation.Volunteers;
using DialogueBot.Demo;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Retention;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.Testing;
using DialogueBot.Tests.Consultation;
using DialogueBot.Tests.TownHall;

namespace DialogueBot.Tests.Retention;

/// <summary>
/// HR's "erase this person" through the API: afterwards no row of any table (nor a visible queue message)
/// holds their AAD id, org id, name or email; their named question reads "a former colleague" on the
/// board; their report's manager chain still works; the consultations they own, raised a named concern on,
/// volunteered for or were briefed on keep nothing of them; and only HR may do it.
/// </summary>
public sealed class EraseTests(SharedBot host) : TownHallTest(host), IClassFixture<SharedBot>
{
    private const string QuentinId = "zq-erase-0042";
    private const string QuentinAad = "e7a5e000-0000-4000-8000-00000000e042";
    private const string QuentinEmail = "quentin.erasable@contoso.example";
    private const string QuentinName = "Quentin Erasable";
    private const string AdeleAad = "00000000-0000-0000-0000-0000000000022";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportWithQuentinAsync("manager");
    }

    private Task ImportWithQuentinAsync(string roles) =>
        Bot.ImportOrgAsync(DemoSeeder.DemoOrgCsv().TrimEnd() + "\n"
            + $"{QuentinId},{QuentinAad},{QuentinEmail},{QuentinName},p02,Engineering/Platform,{roles},Europe/London,active\n"
            + "zq-report-0043,e7a5e000-0000-4000-8000-00000000e043,rhea.report@contoso.example,Rhea Report,zq-erase-0042,Engineering/Platform,,Europe/London,active\n");

    private TeamsUser Quentin => new(QuentinAad, QuentinName, Connector.ServiceUrl);

    private async Task<HttpResponseMessage> EraseAsync(string personId, string asUser)
    {
        using var client = Api(asUser);
        return await client.PostAsync($"/api/org/people/{Uri.EscapeDataString(personId)}/erase", null);
    }

    [Fact]
    public async Task Erase_removes_the_person_from_every_table_and_their_named_question_reads_a_former_colleague()
    {
        await Bot.SendAsync(Quentin.Install());
        var townHallId = await CreateTownHallAsync(hosts: ["p01", QuentinId]);
        await AskAsync(Quentin, townHallId, "Who owns the platform roadmap now?", anonymous: false);
        await AskAsync(Quentin, townHallId, "Why was the offsite cancelled?", anonymous: true);
        await AskAsync(User("p13"), townHallId, "Will the hiring freeze affect backfills?");
        await VoteAsync(Quentin, townHallId, (await QuestionAsync(townHallId, "Will the hiring freeze affect backfills?")).Id);
        await SeedPairAndWorkAsync(townHallId);

        using var response = await EraseAsync(QuentinId, PattiAad);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var report = JsonDocument.Parse(body).RootElement;
        Assert.False(report.GetProperty("alreadyErased").GetBoolean());
        Assert.Equal(PersonEraser.NotFindableByDesign, report.GetProperty("cannotBeFound").GetString());
        var rows = report.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("table").GetString()!, t => t.GetProperty("rows").GetInt32());
        // The work ledger is not in the list: its row keys are digests (WorkSeal), so no ledger row names anyone to
        // begin with; the trace scan below still reads it.
        foreach (var table in new[] { "Questions", "QuestionFollowers", "TownHalls", "SkipLevelPairs", "ScheduledJobs", "PoisonWork", "ConversationReferences", "OrgPeople" })
        {
            Assert.True(rows.GetValueOrDefault(table) >= 1, $"{table}: {body}");
        }

        Assert.Empty(await FindTracesAsync());

        // The board: the named question is a former colleague's, the anonymous one stays anonymous.
        var board = TextOf(await Bot.InvokeCardAsync(User("p14").Execute("townhall.board", new { townHallId, filter = "open", page = 0 })));
        Assert.Contains("Who owns the platform roadmap now?", board, StringComparison.Ordinal);
        Assert.Contains("a former colleague", board, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Why was the offsite cancelled?", board, StringComparison.Ordinal);
        Assert.Contains("Anonymous", board, StringComparison.Ordinal);

        // The org chart stays whole: Rhea's manager is a placeholder who reports where Quentin did.
        var org = await Bot.Service<OrgDirectory>().GetAsync();
        var manager = org.ManagerOf(org.FindById("zq-report-0043")!);
        Assert.NotNull(manager);
        Assert.Equal(PersonEraser.FormerColleague, manager.Name);
        Assert.Null(manager.AadObjectId);
        Assert.Null(manager.Email);
        Assert.Equal("p02", manager.ManagerId);
        Assert.False(manager.IsActive);

        // Their pair: their side is the placeholder, their note gone, the other side's note kept.
        var pair = Assert.Single(await Bot.Service<AppStorage>().Table(SkipLevelPairRepository.TableName).ListPartitionAsync<SkipLevelPairEntity>(SkipLevelPairEntity.PartitionFor("slq", 1)));
        Assert.Equal(manager.Id, pair.ManagerId);
        Assert.Null(pair.ManagerFollowUp);
        Assert.Equal("Nestor's own note", pair.LeaderFollowUp);

        // Idempotent: again is fine, and says so.
        using var again = await EraseAsync(QuentinId, PattiAad);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyErased").GetBoolean());
        Assert.Empty(await FindTracesAsync());
    }

    [Fact]
    public async Task Erase_reaches_the_consultations_they_own_raised_a_named_concern_on_volunteered_for_or_were_briefed_on()
    {
        await ImportWithQuentinAsync("manager;executive"); // an executive drafts; as a manager he is consulted too
        await Bot.SendAsync(Quentin.Install());
        string id;
        using (var client = Api(QuentinAad))
        using (var created = await client.PostAsJsonAsync("/api/consultations", ConsultationTest.Draft()))
        {
            var createdBody = await created.Content.ReadAsStringAsync();
            Assert.True(created.StatusCode == HttpStatusCode.Created, createdBody);
            id = JsonDocument.Parse(createdBody).RootElement.GetProperty("id").GetString()!;
        }

        var deliveries = Bot.Service<ConsultationDeliveryRepository>();
        await WaitUntilAsync(async () => (await deliveries.CountAsync(id, CancellationToken.None)).Briefed == 1);
        await Bot.InvokeCardAsync(Quentin.Execute("consult.raise", new { consultationId = id, submitId = Guid.NewGuid().ToString("N"), kind = "concern", text = "Platform on-call cannot move days", anonymous = "false", force = true }));
        await Bot.InvokeCardAsync(Quentin.Execute("consult.raise", new { consultationId = id, submitId = Guid.NewGuid().ToString("N"), kind = "question", text = "Is Friday still a focus day?", anonymous = "true", force = true }));
        await Bot.InvokeCardAsync(Quentin.Execute("consult.volunteer", new { consultationId = id, on = true }));
        Assert.Contains(QuentinId, await Bot.Service<VolunteerRepository>().ListAsync(id, CancellationToken.None));
        Assert.Equal(QuentinId, (await Bot.Service<ConsultationRepository>().FindAsync(id, CancellationToken.None))!.OwnerPersonId);

        using var response = await EraseAsync(QuentinId, PattiAad);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var rows = JsonDocument.Parse(body).RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("table").GetString()!, t => t.GetProperty("rows").GetInt32());
        foreach (var table in new[] { "Consultations", "ConsultationConcerns", "ConsultationVolunteers", "ConsultationDeliveries" })
        {
            Assert.True(rows.GetValueOrDefault(table) == 1, $"{table}: {body}");
        }

        Assert.Empty(await FindTracesAsync());
        // The delivery row holds no id in the clear (a keyed hash), so the scan cannot see it: ask for it by key.
        Assert.Equal(0, (await deliveries.CountAsync(id, CancellationToken.None)).Briefed);

        // Another executive still runs it (the owner is the placeholder); the named concern reads "a former colleague".
        using var board = Api("00000000-0000-0000-0000-0000000000021");
        var items = (await board.GetFromJsonAsync<JsonElement>($"/api/consultations/{id}/concerns")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(PersonEraser.FormerColleague, items.Single(i => i.GetProperty("text").GetString() == "Platform on-call cannot move days").GetProperty("author").GetString());
        Assert.Equal(JsonValueKind.Null, items.Single(i => i.GetProperty("text").GetString() == "Is Friday still a focus day?").GetProperty("author").ValueKind);

        using var again = await EraseAsync(QuentinId, PattiAad);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty(await FindTracesAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Only_HR_may_erase_and_bad_or_unknown_ids_get_clear_answers()
    {
        using (var manager = await EraseAsync(QuentinId, AdeleAad))
        {
            Assert.Equal(HttpStatusCode.Forbidden, manager.StatusCode);
        }

        using (var unknown = await EraseAsync("nobody-here-1", PattiAad))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("nobody-here-1", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var tooLong = await EraseAsync(new string('x', 101), PattiAad))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        }

        using (var control = await EraseAsync("p0\u00017", PattiAad))
        {
            Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        }

        using (var self = await EraseAsync("p05", PattiAad))
        {
            Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        }

        Assert.NotNull((await Bot.Service<OrgDirectory>().GetAsync()).FindById(QuentinId));
    }

    /// <summary>A pair, a pending job, a work record and a parked item that name Quentin by org id.</summary>
    private async Task SeedPairAndWorkAsync(string townHallId)
    {
        var pair = new SkipLevelPairEntity
        {
            PartitionKey = SkipLevelPairEntity.PartitionFor("slq", 1),
            RowKey = SkipLevelPairEntity.PairIdFor("p02", QuentinId),
            ProgrammeId = "slq",
            Cycle = 1,
            LeaderId = "p02",
            ManagerId = QuentinId,
            Week = "2026-01-05",
            State = PairState.Confirmed,
            LeaderFollowUp = "Nestor's own note",
            ManagerFollowUp = "Quentin's private note",
        };
        await Bot.Service<AppStorage>().Table(SkipLevelPairRepository.TableName).AddEntityAsync(pair);
        await Bot.Service<Scheduler>().ScheduleAsync("townhall.deliver", $"{townHallId}.000001.answered.{QuentinId}", new { townHallId, personId = QuentinId }, DateTimeOffset.UtcNow.AddDays(3));
        var ledger = Bot.Service<WorkLedger>();
        var claim = await ledger.TryClaimAsync("pulse.deliver", $"run1-001.{QuentinId}", "test", TimeSpan.FromMinutes(1), CancellationToken.None);
        await ledger.CompleteAsync(claim.Row!, null, CancellationToken.None);
        var item = new WorkItem("pulse.reminder", $"run1-001.{QuentinId}.reminder", JsonSerializer.SerializeToElement(new { runId = "run1-001", personId = QuentinId }));
        await Bot.Service<PoisonWork>().ParkAsync(JsonSerializer.Serialize(item), item, "test", CancellationToken.None);
    }

    /// <summary>Every table row (keys and every property) and every visible queue message of this bot that mentions Quentin.</summary>
    private async Task<List<string>> FindTracesAsync()
    {
        var needles = new[] { QuentinAad, QuentinId, QuentinName, QuentinEmail }.Select(n => n.ToLowerInvariant()).ToList();
        var storage = Bot.Service<AppStorage>();
        var traces = new List<string>();
        var scanned = 0;
        await foreach (var table in storage.TableService.QueryAsync(t => t.Name.CompareTo(Bot.Prefix) >= 0 && t.Name.CompareTo(Bot.Prefix + "~") < 0))
        {
            scanned++;
            await foreach (var row in storage.TableService.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var text = string.Join("\n", row.Select(p => $"{p.Key}={p.Value}").Append(row.PartitionKey).Append(row.RowKey)).ToLowerInvariant();
                traces.AddRange(needles.Where(n => text.Contains(n, StringComparison.Ordinal)).Select(n => $"{table.Name[Bot.Prefix.Length..]} {row.PartitionKey}/{row.RowKey} holds '{n}'"));
            }
        }

        foreach (var message in (await storage.Queue(WorkQueue.QueueName).PeekMessagesAsync(32)).Value)
        {
            var text = message.Body.ToString().ToLowerInvariant();
            traces.AddRange(needles.Where(n => text.Contains(n, StringComparison.Ordinal)).Select(n => $"queue message holds '{n}'"));
        }

        Assert.True(scanned >= 15, $"only {scanned} tables scanned");
        return traces;
    }
}
