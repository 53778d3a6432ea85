using System.Text.Json;
using Azure.Data.Tables;
using DialogueBot.Consultation.ConcernVotes;
using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Runs;
using DialogueBot.Retention;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.Testing;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.QuestionVotes;
using DialogueBot.TownHall.TownHalls;
using Microsoft.Extensions.Time.Testing;

namespace DialogueBot.Tests.Retention;

/// <summary>
/// The daily purge, from the scheduler through the work queue: it removes exactly what is past its period
/// (counted from a run's close, a town hall's close, a consultation's window end, a pair's week, a ledger row's completion) and keeps
/// everything else, schedules the next day, and finds nothing more to do when run again.
/// </summary>
public sealed class RetentionPurgeTests : BotTest
{
    /// <summary>Monday 23 November 2026, 08:00 UTC: after the 02:00 purge time, so today's purge is due.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);

    protected override BotAppOptions Configure(BotAppOptions options) => options with
    {
        Time = _clock,
        Settings = new Dictionary<string, string?> { ["Retention:SchedulePurge"] = "true" },
    };

    private TableClient Table(string name) => Bot.Service<AppStorage>().Table(name);

    [Fact]
    public async Task The_daily_purge_removes_exactly_what_is_past_its_period_and_keeps_the_rest()
    {
        await SeedPulsesAsync();
        await SeedTownHallsAsync();
        await SeedConsultationsAsync();
        await SeedPairsAsync();
        await SeedLedgerAsync();

        await Bot.Service<Scheduler>().DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        var ledger = Bot.Service<WorkLedger>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ledger.FindAsync(RetentionWorkKinds.Purge, "retention.purge.2026-11-23"))?.State != WorkLedgerEntity.Done)
        {
            Assert.True(DateTime.UtcNow < deadline, "today's purge did not run through the scheduler and the work queue");
            await Task.Delay(100);
        }

        // Pulse: 800 days after close the responses are gone; 400 days, the comments are; 100 days, nothing.
        Assert.Empty(await Responses("pr1-001"));
        var blanked = await Responses("pr1-002");
        Assert.Equal(2, blanked.Count);
        Assert.All(blanked, r => Assert.Equal(new Dictionary<string, string> { ["q1"] = "4" }, PulseAnswers.Parse(r.Answers)));
        Assert.All(await Responses("pr1-003"), r => Assert.StartsWith("comment", PulseAnswers.Parse(r.Answers)["q4"], StringComparison.Ordinal));
        Assert.Equal(2, (await Responses("pr1-004")).Count(r => PulseAnswers.Parse(r.Answers).ContainsKey("q4"))); // not closed: never purged
        Assert.Single(await Table(PulseAggregateRepository.TableName).ListPartitionAsync<PulseAggregateEntity>("pr1-001")); // aggregates stay

        // Town hall: 400 days after close its questions and votes are gone, the town hall row stays.
        Assert.Empty(await Table(QuestionRepository.TableName).ListPartitionAsync<QuestionEntity>("thold0000001"));
        Assert.Empty(await Table(QuestionVoteRepository.TableName).ListPartitionAsync<QuestionVoteEntity>("thold0000001"));
        Assert.Single(await Table(QuestionRepository.TableName).ListPartitionAsync<QuestionEntity>("thnew0000001"));
        Assert.Single(await Table(QuestionVoteRepository.TableName).ListPartitionAsync<QuestionVoteEntity>("thnew0000001"));
        Assert.Equal(2, (await Table(TownHallRepository.TableName).ListPartitionAsync<TownHallEntity>(TownHallEntity.Partition)).Count);

        // Consultation: 400 days after its window ended (early, by the executive) its concerns and votes are
        // gone, the consultation row stays; one that ended 100 days ago keeps them.
        Assert.Empty(await Table(ConcernRepository.TableName).ListPartitionAsync<ConcernEntity>("coold0000001"));
        Assert.Empty(await Table(ConcernVoteRepository.TableName).ListPartitionAsync<ConcernVoteEntity>("coold0000001"));
        Assert.Single(await Table(ConcernRepository.TableName).ListPartitionAsync<ConcernEntity>("conew0000001"));
        Assert.Single(await Table(ConcernVoteRepository.TableName).ListPartitionAsync<ConcernVoteEntity>("conew0000001"));
        Assert.Equal(2, (await Table(ConsultationRepository.TableName).ListPartitionAsync<ConsultationEntity>(ConsultationEntity.Partition)).Count);

        // Skip-level: notes of a pair 200 days past its week are cleared, the pair stays; a recent pair keeps them.
        var pairs = (await Table(SkipLevelPairRepository.TableName).ListPartitionAsync<SkipLevelPairEntity>("slx-c001")).ToDictionary(p => p.LeaderId);
        Assert.Null(pairs["p02"].ManagerFollowUp);
        Assert.Null(pairs["p02"].LeaderFollowUp);
        Assert.Null(pairs["p02"].DeclineReason);
        Assert.Equal("[]", pairs["p02"].AgendaJson);
        Assert.Equal(PairState.Done, pairs["p02"].State);
        Assert.Equal("recent note", pairs["p03"].ManagerFollowUp);
        Assert.Contains("recent agenda", pairs["p03"].AgendaJson, StringComparison.Ordinal);

        // Work ledger: a row finished 40 days ago goes; yesterday's and a running one stay.
        Assert.Null(await ledger.FindAsync("test.kind", "old.key"));
        Assert.NotNull(await ledger.FindAsync("test.kind", "new.key"));
        Assert.NotNull(await ledger.FindAsync("test.kind", "running.key"));

        // Tomorrow's purge is scheduled under its own key.
        var next = await Bot.Service<Scheduler>().FindAsync("retention.purge.2026-11-24");
        Assert.NotNull(next);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero), next.DueAt);

        // Idempotent: another run (another instance, a repeat) finds nothing more to remove.
        var again = await Bot.Service<RetentionPurge>().RunAsync(CancellationToken.None);
        Assert.Equal(0, again.ResponsesDeleted + again.CommentsBlanked + again.QuestionsDeleted + again.PairsNotesCleared + again.FinishedWorkDeleted);
        Assert.Equal(0, again.Total);
    }

    private Task<List<PulseResponseEntity>> Responses(string runId) => Table(PulseResponseRepository.TableName).ListPartitionAsync<PulseResponseEntity>(runId);

    private async Task SeedPulsesAsync()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        var questions = new List<PulseQuestion> { new("q1", QuestionKind.Rating, "I understand our strategy."), new("q4", QuestionKind.Text, "Anything else?", Required: false) };
        await Table(PulseDefinitionRepository.TableName).AddEntityAsync(new PulseDefinitionEntity { RowKey = "pr1", Title = "Check-in", Questions = JsonSerializer.Serialize(questions, json) });
        var runs = new (int Sequence, int DaysSinceClose, string Status)[] { (1, 800, PulseRunEntity.Closed), (2, 400, PulseRunEntity.Closed), (3, 100, PulseRunEntity.Closed), (4, 900, PulseRunEntity.Open) };
        foreach (var (sequence, days, status) in runs)
        {
            var runId = PulseRun.RunId("pr1", sequence);
            await Table(PulseRunRepository.TableName).AddEntityAsync(new PulseRunEntity { RowKey = runId, PulseId = "pr1", Sequence = sequence, OpensAt = Now.AddDays(-days - 7), ClosesAt = Now.AddDays(-days), Status = status });
            for (var i = 0; i < 2; i++)
            {
                await Table(PulseResponseRepository.TableName).AddEntityAsync(new PulseResponseEntity { PartitionKey = runId, RowKey = $"r{i}", Day = "2024-01-01", Answers = PulseAnswers.Serialize(new Dictionary<string, string> { ["q1"] = "4", ["q4"] = $"comment {i}" }) });
            }
        }

        await Table(PulseAggregateRepository.TableName).AddEntityAsync(new PulseAggregateEntity { PartitionKey = "pr1-001", RowKey = PulseAggregateEntity.RowKeyOf(Cohort.Everyone.Key, "q1"), Cohort = Cohort.Everyone.Key, Question = "q1", Count = 2, Sum = 8 });
    }

    /// <summary>A consultation whose window ended 400 days ago (ended early: its planned end is later), with a named and an anonymous concern; one ended 100 days ago with one concern; a vote on each.</summary>
    private async Task SeedConsultationsAsync()
    {
        foreach (var (id, days, count) in new[] { ("coold0000001", 400, 2), ("conew0000001", 100, 1) })
        {
            var ended = Now.AddDays(-days);
            await Table(ConsultationRepository.TableName).AddEntityAsync(new ConsultationEntity { RowKey = id, OwnerPersonId = "p01", Title = "Four-day office week", OpensAt = ended.AddDays(-7), ClosesAt = ended.AddDays(300), EndedAt = ended, Status = "decided", ConcernCount = count });
            for (var n = 1; n <= count; n++)
            {
                await Table(ConcernRepository.TableName).AddEntityAsync(new ConcernEntity { PartitionKey = id, RowKey = ConcernEntity.IdOf(n), Number = n, Text = $"Concern {n}", Anonymous = n > 1, AuthorPersonId = n > 1 ? "" : "p12", Votes = 1 });
            }

            await Table(ConcernVoteRepository.TableName).AddEntityAsync(new ConcernVoteEntity { PartitionKey = id, RowKey = ConcernVoteEntity.KeyOf(ConcernEntity.IdOf(1), "voter") });
        }
    }

    private async Task SeedTownHallsAsync()
    {
        foreach (var (id, days, count) in new[] { ("thold0000001", 400, 2), ("thnew0000001", 100, 1) })
        {
            await Table(TownHallRepository.TableName).AddEntityAsync(new TownHallEntity { RowKey = id, Title = "All-hands", HostIds = "p01", OpensAt = Now.AddDays(-days - 7), ClosesAt = Now.AddDays(-days), EventAt = Now.AddDays(-days).AddHours(1) });
            for (var n = 1; n <= count; n++)
            {
                await Table(QuestionRepository.TableName).AddEntityAsync(new QuestionEntity { PartitionKey = id, RowKey = QuestionEntity.IdOf(n), Text = $"Question {n}?", Votes = 1 });
            }

            await Table(QuestionVoteRepository.TableName).AddEntityAsync(new QuestionVoteEntity { PartitionKey = id, RowKey = QuestionVoteEntity.KeyOf(QuestionEntity.IdOf(1), "voterhash") });
        }
    }

    private async Task SeedPairsAsync()
    {
        foreach (var (leader, days, note) in new[] { ("p02", 200, "old note"), ("p03", 30, "recent note") })
        {
            var pair = new SkipLevelPairEntity
            {
                PartitionKey = SkipLevelPairEntity.PartitionFor("slx", 1),
                RowKey = SkipLevelPairEntity.PairIdFor(leader, "p06"),
                ProgrammeId = "slx",
                Cycle = 1,
                LeaderId = leader,
                ManagerId = "p06",
                Week = DateOnly.FromDateTime(Now.AddDays(-days).UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                State = PairState.Done,
                LeaderFollowUp = note,
                ManagerFollowUp = note,
                DeclineReason = note,
            };
            pair.SetAgenda([leader == "p02" ? "old agenda" : "recent agenda"]);
            await Table(SkipLevelPairRepository.TableName).AddEntityAsync(pair);
        }
    }

    private async Task SeedLedgerAsync()
    {
        var table = Table(WorkLedger.TableName);
        // Ledger rows are keyed by the digest of kind and key (WorkSeal), as the ledger writes them.
        var seal = Bot.Service<WorkSeal>();
        await table.AddEntityAsync(new WorkLedgerEntity { PartitionKey = "test.kind", RowKey = seal.LedgerKey("test.kind", "old.key"), State = WorkLedgerEntity.Done, CompletedDay = Now.AddDays(-40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        await table.AddEntityAsync(new WorkLedgerEntity { PartitionKey = "test.kind", RowKey = seal.LedgerKey("test.kind", "new.key"), State = WorkLedgerEntity.Done, CompletedDay = Now.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        await table.AddEntityAsync(new WorkLedgerEntity { PartitionKey = "test.kind", RowKey = seal.LedgerKey("test.kind", "running.key"), State = WorkLedgerEntity.Running, LeaseUntil = Now.AddDays(-40) });
    }
}
