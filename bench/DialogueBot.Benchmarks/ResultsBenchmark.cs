using System.Diagnostics;
using Azure.Data.Tables;
using DialogueBot.Pulse.Aggregates;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Responses;
using DialogueBot.Pulse.Results;
using DialogueBot.Pulse.Runs;
using DialogueBot.Testing;

namespace DialogueBot.Benchmarks;

/// <summary>
/// A closed run with N responses (two numeric questions and a choice), stored as the flush stores them:
/// responses plus aggregates. Prints the time to read the results from the aggregates (what the card and
/// the API do) against the time to scan every response and compute the same figures.
/// </summary>
public static class ResultsBenchmark
{
    public static async Task RunAsync(int responses)
    {
        Console.WriteLine($"== Results: {responses} responses");
        await using var bot = await BotAppFactory.StartAsync(new BotAppOptions { RunWorker = false, Settings = { ["Pulse:RespectQuietHours"] = "false" } });
        var now = DateTimeOffset.UtcNow;
        PulseQuestion[] questions =
        [
            new("q1", QuestionKind.Rating, "Strategy is clear."),
            new("q2", QuestionKind.Enps, "Recommend us?"),
            new("q3", QuestionKind.SingleChoice, "Explain better?", Choices: ["Strategy", "Priorities", "Decisions"]),
        ];
        var created = await bot.Service<PulseService>().CreateAsync(new PulseDraft { Title = "Bench results", Questions = questions.Select(QuestionDraft.Of).ToList(), OpensAt = now, ClosesAt = now.AddDays(1) }, CancellationToken.None);
        var definition = created.Definition!;
        var (_, closed) = await bot.Service<PulseRunRepository>().UpdateAsync(created.Run!.Id, r => r with { Status = RunStatus.Closed, AudienceCount = responses * 2 }, CancellationToken.None);
        var run = closed!;

        var seed = Stopwatch.StartNew();
        var random = new Random(42);
        string[] units = ["Engineering", "Operations", "Finance", "People"];
        var rows = Enumerable.Range(0, responses).Select(i => new PulseResponseEntity
        {
            PartitionKey = run.Id,
            RowKey = Guid.NewGuid().ToString("N"),
            Day = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Unit = units[i % units.Length],
            Answers = PulseAnswers.Serialize(new Dictionary<string, string> { ["q1"] = random.Next(1, 6).ToString(System.Globalization.CultureInfo.InvariantCulture), ["q2"] = random.Next(0, 11).ToString(System.Globalization.CultureInfo.InvariantCulture), ["q3"] = random.Next(0, 3).ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        }).ToList();
        var responsesRepo = bot.Service<PulseResponseRepository>();
        await Parallel.ForEachAsync(rows.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, ct) => await responsesRepo.UpsertAsync(chunk, ct));
        var aggregates = bot.Service<PulseAggregateRepository>();
        await aggregates.ReplaceAllAsync(run.Id, AggregateBuilder.Build(rows.Select(r => r.ToResponse()), questions), CancellationToken.None);

        Console.WriteLine($"seeded in:   {seed.Elapsed.TotalSeconds:0.0} s");
        var results = bot.Service<PulseResultsService>();
        await results.GetAsync(definition.Id, run.Id, null, CancellationToken.None); // warm up
        var read = Stopwatch.StartNew();
        var view = await results.GetAsync(definition.Id, run.Id, null, CancellationToken.None);
        var readTime = read.Elapsed;

        var scan = Stopwatch.StartNew();
        long sum = 0, count = 0;
        await foreach (var row in responsesRepo.Table.QueryAsync<TableEntity>(e => e.PartitionKey == run.Id, select: ["Answers"]))
        {
            var answers = PulseAnswers.Parse(row.GetString("Answers"));
            sum += int.Parse(answers["q1"], System.Globalization.CultureInfo.InvariantCulture);
            count++;
        }

        var scanTime = scan.Elapsed;
        Console.WriteLine($"aggregates:  {readTime.TotalMilliseconds:0} ms (mean q1 {view!.Questions[0].Mean}, n={view.Respondents})");
        Console.WriteLine($"full scan:   {scanTime.TotalMilliseconds:0} ms (mean q1 {Math.Round((double)sum / count, 2)}, n={count})");
        Console.WriteLine($"speed-up:    {scanTime.TotalMilliseconds / Math.Max(1, readTime.TotalMilliseconds):0}x");
    }
}
