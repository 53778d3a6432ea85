using System.Diagnostics;
using System.Globalization;
using System.Text;
using DialogueBot.Conversations;
using DialogueBot.Demo;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Org;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Results;
using DialogueBot.Pulse.Runs;
using DialogueBot.Pulse.Submissions;
using DialogueBot.Testing;
using DialogueBot.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// Server-side set-up and timing of the pulse measurements, mapped on the bare app's port so that nothing is
/// added to the bot's own endpoints. Everything goes through the bot's real services and storage; the
/// driver only asks.
/// </summary>
public sealed class PulseFixture(IServiceProvider bot, StorageCounter counter)
{
    public const string BurstUnit = "Burst";
    public const string WholeUnit = "Whole";

    public static readonly PulseQuestion[] Questions =
    [
        new("q1", QuestionKind.Rating, "Our strategy is clear to me."),
        new("q2", QuestionKind.Enps, "How likely are you to recommend working here?"),
        new("q3", QuestionKind.SingleChoice, "What should we explain better?", Choices: ["Strategy", "Priorities", "Decisions"]),
    ];

    private T Service<T>()
        where T : notnull => bot.GetRequiredService<T>();

    public void Map(WebApplication app)
    {
        app.MapPost("/bench/org", async (int burst, int whole, string serviceUrl, CancellationToken ct) => Results.Json(await ImportOrgAsync(burst, whole, serviceUrl, ct)));
        app.MapPost("/bench/storage/take", () => Results.Json(counter.Take()));
        app.MapPost("/bench/run/open", async (string unit, CancellationToken ct) => Results.Json(await OpenRunWithoutFanoutAsync(unit, ct)));
        app.MapPost("/bench/run/pending", async (string runId, int count, CancellationToken ct) => Results.Json(await SeedPendingAsync(runId, count, ct)));
        app.MapPost("/bench/run/close", async (string runId, CancellationToken ct) => Results.Json(await CloseAsync(runId, ct)));
        app.MapPost("/bench/pulse/create", async (string unit, CancellationToken ct) => Results.Json(await CreatePulseAsync(unit, ct)));
        app.MapPost("/bench/results/seed", async (int responses, CancellationToken ct) => Results.Json(await SeedResultsAsync(responses, ct)));
        app.MapPost("/bench/results/read", async (string pulseId, string runId, int times, CancellationToken ct) => Results.Json(await ReadResultsAsync(pulseId, runId, times, ct)));
    }

    /// <summary>The demo org plus <paramref name="burst"/> managers (unit Burst) and <paramref name="whole"/> installed managers (unit Whole).</summary>
    private async Task<int> ImportOrgAsync(int burst, int whole, string serviceUrl, CancellationToken ct)
    {
        var csv = new StringBuilder(DemoSeeder.DemoOrgCsv().TrimEnd()).Append('\n');
        for (var i = 0; i < burst; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"b{i},{BurstAad(i)},b{i}@bench.example,Burst Manager {i},p01,{BurstUnit}/Team{i % 20},manager,Europe/London,active\n");
        }

        for (var i = 0; i < whole; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"w{i},{WholeAad(i)},w{i}@bench.example,Whole Manager {i},p01,{WholeUnit}/Team{i % 10},manager,Europe/London,active\n");
        }

        var parsed = OrgChartCsv.Parse(csv.ToString());
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", parsed.Errors.Take(5)));
        }

        await Service<OrgChartRepository>().ImportAsync(parsed.People, ct);
        Service<OrgDirectory>().Invalidate();
        var references = Service<ConversationReferenceRepository>();
        await Parallel.ForEachAsync(Enumerable.Range(0, whole), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
        {
            var user = new TeamsUser(WholeAad(i), $"Whole Manager {i}", serviceUrl);
            await references.SaveFromActivityAsync(user.AadObjectId, user.Message("hi"), token);
        });
        return parsed.People.Count;
    }

    public static string BurstAad(int i) => $"b0000000-0000-4000-8000-{i:D12}";

    public static string WholeAad(int i) => $"c0000000-0000-4000-8000-{i:D12}";

    /// <summary>
    /// An open run of the given unit with its key, as if its cards had been delivered, but without the fan-out:
    /// the burst measures answering alone. (The whole-pulse measurement delivers for real.)
    /// </summary>
    private async Task<RunIds> OpenRunWithoutFanoutAsync(string unit, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var created = await Service<PulseService>().CreateAsync(Draft(unit, now.AddDays(30), now.AddDays(33)), ct);
        var (definition, run) = (created.Definition!, created.Run!);
        await Service<IScopeKeyStore>().GetOrCreateAsync(run.Id, ct);
        var audience = AudienceResolver.Resolve(await Service<OrgDirectory>().GetAsync(ct), definition.Audience).Count;
        var (outcome, _) = await Service<PulseRunRepository>().UpdateAsync(run.Id, r => r with { Status = RunStatus.Open, OpensAt = now, ClosesAt = now.AddDays(3), AudienceCount = audience }, ct);
        if (outcome != TableUpdateOutcome.Written)
        {
            throw new InvalidOperationException("The bench run could not be opened.");
        }

        return new RunIds(definition.Id, run.Id);
    }

    /// <summary>N pending answers written the way answering writes them (participation + sealed answer, one transaction each).</summary>
    private async Task<TimedCount> SeedPendingAsync(string runId, int count, CancellationToken ct)
    {
        var key = await Service<IScopeKeyStore>().FindAsync(runId, ct) ?? throw new InvalidOperationException("No key for " + runId);
        var submissions = Service<PulseSubmissionRepository>();
        string[] units = ["Burst/Team0", "Burst/Team1", "Burst/Team2", "Burst/Team3", "Burst"];
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, token) =>
        {
            var answers = PulseAnswers.Serialize(new Dictionary<string, string> { ["q1"] = (1 + (i % 5)).ToString(CultureInfo.InvariantCulture), ["q2"] = (i % 11).ToString(CultureInfo.InvariantCulture), ["q3"] = (i % 3).ToString(CultureInfo.InvariantCulture) });
            await submissions.TrySubmitAsync(key, $"d0000000-0000-4000-8000-{i:D12}", new PendingAnswer(answers, units[i % units.Length], null), token);
        });
        return new TimedCount(count, stopwatch.Elapsed.TotalMilliseconds, counter.Take());
    }

    /// <summary>Closes a run through PulseService (Pulse:CloseGrace is 0 here): publish, mark closed, destroy participation and key.</summary>
    private async Task<CloseFigures> CloseAsync(string runId, CancellationToken ct)
    {
        counter.Take();
        var service = Service<PulseService>();
        var stopwatch = Stopwatch.StartNew();
        string? error = null;
        var closed = false;
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var published = WhenClosedAsync(runId, stopwatch, watching.Token);
        try
        {
            closed = await service.CloseAsync(runId, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Reported, not thrown: how long it ran and which request gave up is the finding.
            error = $"{ex.GetType().Name} after {stopwatch.Elapsed.TotalSeconds:0} s: {ex.Message.Split('\n')[0]}";
        }

        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        var storage = counter.Take();
        await watching.CancelAsync();
        var resultsOpenAfter = await published;
        var publishedCount = (await Service<PulseResponseRepository>().ListAsync(runId, ct)).Count;
        var left = (await Service<PulseSubmissionRepository>().Table.ListPartitionAsync<Azure.Data.Tables.TableEntity>(runId, ct)).Count;
        counter.Take();
        return new CloseFigures(closed, publishedCount, left, elapsed, resultsOpenAfter, storage, error);
    }

    /// <summary>
    /// When the run turned closed (responses and aggregates written, results readable), before the close goes on
    /// to destroy participation and the key. Polled with a client of its own, so its reads are not counted.
    /// </summary>
    private async Task<double?> WhenClosedAsync(string runId, Stopwatch stopwatch, CancellationToken ct)
    {
        var storage = Service<AppStorage>();
        var options = Service<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
        var table = new Azure.Data.Tables.TableClient(options.ConnectionString, storage.PhysicalTableName(PulseRunRepository.TableName));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var run = await table.GetEntityIfExistsAsync<PulseRunEntity>(PulseRunEntity.Partition, runId, cancellationToken: ct);
                if (run.HasValue && run.Value!.Status == PulseRunEntity.Closed)
                {
                    return stopwatch.Elapsed.TotalMilliseconds;
                }

                await Task.Delay(100, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return null;
    }

    /// <summary>A real pulse to the unit through PulseService: the worker opens it, fans out and delivers to the Connector sink.</summary>
    private async Task<RunIds> CreatePulseAsync(string unit, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var created = await Service<PulseService>().CreateAsync(Draft(unit, now, now.AddDays(3)), ct);
        return new RunIds(created.Definition!.Id, created.Run!.Id);
    }

    /// <summary>The bench pulse to one unit's people (not only managers), through the same draft the API takes.</summary>
    private static PulseDraft Draft(string unit, DateTimeOffset opensAt, DateTimeOffset closesAt) => new()
    {
        Title = "Bench " + unit,
        Questions = Questions.Select(QuestionDraft.Of).ToList(),
        Audience = new AudienceDraft(Units: [unit]),
        OpensAt = opensAt,
        ClosesAt = closesAt,
    };

    /// <summary>
    /// A closed run whose aggregates are those of N responses. Results read only PulseAggregates (one row per
    /// cohort and question, however many responses), so the N response rows themselves are not written.
    /// </summary>
    private async Task<RunIds> SeedResultsAsync(int responses, CancellationToken ct)
    {
        var ids = await OpenRunWithoutFanoutAsync(BurstUnit, ct);
        var (_, closed) = await Service<PulseRunRepository>().UpdateAsync(ids.RunId, r => r with { Status = RunStatus.Closed, AudienceCount = responses + (responses / 5) }, ct);
        var run = closed!;
        var random = new Random(42);
        var units = Enumerable.Range(0, 20).Select(i => $"{BurstUnit}/Team{i}").Append(BurstUnit).ToArray();
        var answers = Enumerable.Range(0, 165).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["q1"] = (1 + (i % 5)).ToString(CultureInfo.InvariantCulture),
            ["q2"] = (i % 11).ToString(CultureInfo.InvariantCulture),
            ["q3"] = (i % 3).ToString(CultureInfo.InvariantCulture),
        }).ToArray();
        var rows = Enumerable.Range(0, responses).Select(i => new PulseResponse(units[random.Next(units.Length)], null, answers[random.Next(answers.Length)]));
        await Service<PulseAggregateRepository>().ReplaceAllAsync(run.Id, AggregateBuilder.Build(rows, Questions), ct);
        counter.Take();
        return ids;
    }

    private async Task<ResultsFigures> ReadResultsAsync(string pulseId, string runId, int times, CancellationToken ct)
    {
        var results = Service<PulseResultsService>();
        var view = await results.GetAsync(pulseId, runId, null, ct); // warm
        counter.Take();
        var timings = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            view = await results.GetAsync(pulseId, runId, null, ct);
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        var storage = counter.Take();
        timings.Sort();
        return new ResultsFigures(view?.Respondents ?? 0, view?.Questions.Count ?? 0, timings[timings.Count / 2], timings[^1], storage);
    }
}

public sealed record RunIds(string PulseId, string RunId);

public sealed record TimedCount(int Count, double Milliseconds, StorageCount Storage);

public sealed record CloseFigures(bool Closed, int Published, int SubmissionRowsLeft, double Milliseconds, double? ResultsOpenAfterMilliseconds, StorageCount Storage, string? Error);

public sealed record ResultsFigures(int Respondents, int Questions, double MedianMilliseconds, double MaxMilliseconds, StorageCount Storage);
