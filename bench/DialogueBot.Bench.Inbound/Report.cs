using System.Globalization;

namespace DialogueBot.Bench.Inbound;

/// <summary>Everything measured in one run, printed as one table (and the storage breakdown of the whole pulse under it).</summary>
public sealed class Report(BenchOptions options)
{
    public LoadResult? Bare { get; set; }
    public LoadResult? Invoke { get; set; }
    public StorageCount? InvokeStorage { get; set; }
    public double BareCpuMs { get; set; }
    public double InvokeCpuMs { get; set; }
    public LoadResult? Mix { get; set; }
    public long MemoryRunFailures { get; set; }
    public long Activities { get; set; }
    public long Replies { get; set; }
    public MemoryFigures? Memory { get; set; }
    public MemoryFigures? Collected { get; set; }
    public List<OpenLoopResult> Bursts { get; } = [];
    public StorageCount? BurstStorage { get; set; }
    public long WholeDelivered { get; set; }
    public double WholeDeliverSeconds { get; set; }
    public long WholeAnswerFailures { get; set; }
    public int WholePublished { get; set; }
    public List<(string Phase, StorageCount Count)> WholePhases { get; set; } = [];
    public TimedCount? PendingSeed { get; set; }
    public CloseFigures? Publication { get; set; }
    public ResultsFigures? Results { get; set; }
    public string LoadAfter { get; set; } = "";

    public long Failures =>
        (Bare?.Failures ?? 0) + (Invoke?.Failures ?? 0) + (Mix?.Failures ?? 0) + MemoryRunFailures + Bursts.Sum(b => b.Failures) + WholeAnswerFailures + (Publication?.Error is null ? 0 : 1);

    public void Print()
    {
        var c = options.Connections;
        var seconds = options.Duration.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"Load average (1, 5, 15 min) at the end: {LoadAfter}; {Environment.ProcessorCount} cores. Token validation ON for every bot request.");
        Console.WriteLine();
        Console.WriteLine("| measurement | figure | goal | met |");
        Console.WriteLine("|---|---|---|---|");
        var bareCpu = BareCpuMs * 1000 / Math.Max(1, Bare!.Requests);
        var invokeCpu = InvokeCpuMs * 1000 / Math.Max(1, Invoke!.Requests);
        Row($"bare minimal API (200), {c} connections, {seconds:0} s", Closed(Bare) + $"; server CPU {bareCpu:0} µs/request", "", "");
        Row($"card invoke (help button, `adaptiveCard/action`), JWT on, {c} connections, {seconds:0} s", Closed(Invoke) + $"; server CPU {invokeCpu:0} µs/request; {InvokeStorage!.Total} storage requests", "", "");
        var ratio = Invoke.RequestsPerSecond / Bare.RequestsPerSecond;
        Row("protocol overhead: invoke ÷ bare requests/s (server CPU per request: bare ÷ invoke)", $"{ratio.ToString("P1", CultureInfo.InvariantCulture)} ({(bareCpu / Math.Max(1, invokeCpu)).ToString("P1", CultureInfo.InvariantCulture)})", "≥ 50 %", Met(ratio >= 0.5));
        Row($"activity mix (help, help button, installs), JWT on, {c} connections, {seconds:0} s", Closed(Mix!), "", "");
        foreach (var burst in Bursts)
        {
            var goal = burst.Rate == 100 ? "p99 < 100 ms, 0 errors" : "";
            Row($"answer burst, open loop {burst.Rate:0}/s × {options.BurstDuration.TotalSeconds:0} s (JWT on, Azurite)",
                $"p50 {Ms(burst.P50)}, p99 {Ms(burst.P99)}, max {Ms(burst.Max)}; errors {burst.Failures} of {burst.Requests:N0}; generator lag ≤ {Ms(burst.GeneratorLag)}; CPU per answer: bot {burst.BotCpuMsPerAnswer:0.00} ms, Azurite {burst.AzuriteCpuMsPerAnswer:0.00} ms",
                goal, goal.Length == 0 ? "" : Met(burst.P99.TotalMilliseconds < 100 && burst.Failures == 0));
        }

        var burstAnswers = Bursts.Sum(b => b.Requests);
        Row("storage requests per answer in the bursts", $"{Per(BurstStorage!.Total, burstAnswers)} ({Top(BurstStorage, burstAnswers)})", "", "");
        var p = Publication!;
        var seed = PendingSeed!;
        Row($"publication at close of {seed.Count:N0} pending answers (PulseService.CloseAsync)",
            (p.Error is null ? "" : $"FAILED ({p.Error}); ") + $"results open after {(p.ResultsOpenAfterMilliseconds is { } open ? (open / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s" : "—")}, whole close (participation and key destroyed) {p.Milliseconds / 1000:0.0} s; {p.Storage.Total:N0} table transactions ({Top(p.Storage, 1, 4)}); {p.Published:N0} responses published, {p.SubmissionRowsLeft} submission rows left; seeding took {seed.Milliseconds / 1000:0.0} s",
            "< 60 s at 100,000", seed.Count >= 100_000 ? Met(p.Error is null && p.Milliseconds < 60_000) : $"not measured at 100,000 (`--pending 100000`); {Scaled(p.Milliseconds, seed.Count)} s if it were linear, which on Azurite it is not");
        var r = Results!;
        Row($"results over {options.Responses:N0} responses (aggregates; median of 9 reads)", $"{r.MedianMilliseconds:0.0} ms (max {r.MaxMilliseconds:0.0} ms); {Per(r.Storage.Total, 9)} storage requests per read; {r.Respondents:N0} respondents shown", "≤ 100 ms", Met(r.MedianMilliseconds <= 100));
        var whole = WholePhases.Sum(ph => ph.Count.Total);
        var people = options.WholePulsePeople;
        Row($"storage transactions per answer over a whole pulse ({people} people: deliver, answer, publish, results)",
            $"{Per(whole, people)} (" + string.Join(", ", WholePhases.Select(ph => $"{ph.Phase} {Per(ph.Count.Total, people)}")) + $"); delivered {WholeDelivered} in {WholeDeliverSeconds:0.0} s, answer errors {WholeAnswerFailures}, published {WholePublished}",
            "≤ 2 per answer", Met((double)whole / people <= 2));
        Row($"bot process after {Activities:N0} activities ({Replies:N0} Connector calls)",
            $"after a full GC: heap {Mb(Collected!.GcHeapSize)}, live {Mb(Collected.GcLiveBytes)}, working set {Mb(Collected.WorkingSet)} (as running: heap {Mb(Memory!.GcHeapSize)}, working set {Mb(Memory.WorkingSet)}); gen0/gen2 {Memory.Gen0Collections}/{Memory.Gen2Collections}",
            "flat", "");

        Console.WriteLine();
        Console.WriteLine($"Publication's storage requests: " + string.Join(", ", p.Storage.Requests.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value:N0} ({p.Storage.Milliseconds.GetValueOrDefault(r.Key) / 1000:0.0} s waiting)")));
        Console.WriteLine();
        Console.WriteLine($"Storage transactions of the whole pulse ({people} people), per phase:");
        Console.WriteLine();
        Console.WriteLine("| request | " + string.Join(" | ", WholePhases.Select(ph => ph.Phase)) + " | per answer |");
        Console.WriteLine("|---|" + string.Concat(WholePhases.Select(_ => "---:|")) + "---:|");
        foreach (var key in WholePhases.SelectMany(ph => ph.Count.Requests.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var total = WholePhases.Sum(ph => ph.Count.Requests.GetValueOrDefault(key));
            Console.WriteLine($"| {key} | " + string.Join(" | ", WholePhases.Select(ph => ph.Count.Requests.GetValueOrDefault(key).ToString("N0", CultureInfo.InvariantCulture))) + $" | {Per(total, people)} |");
        }

        Console.WriteLine($"| **total** | " + string.Join(" | ", WholePhases.Select(ph => ph.Count.Total.ToString("N0", CultureInfo.InvariantCulture))) + $" | **{Per(whole, people)}** |");
    }

    private static void Row(string what, string figure, string goal, string met) => Console.WriteLine($"| {what} | {figure} | {goal} | {met} |");

    private static string Met(bool yes) => yes ? "yes" : "**no**";

    private static string Closed(LoadResult r) =>
        $"{r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)} req/s ({r.Requests:N0}, {r.Failures} failed), p50 {Ms(r.P50)}, p99 {Ms(r.P99)}";

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static string Per(long count, long per) => per == 0 ? "n/a" : ((double)count / per).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Scaled(double ms, int count) => (ms / 1000 * 100_000 / Math.Max(1, count)).ToString("0", CultureInfo.InvariantCulture);

    private static string Top(StorageCount count, long per, int take = 6) =>
        string.Join(", ", count.Requests.OrderByDescending(r => r.Value).Take(take).Select(r => per == 1 ? $"{r.Key} {r.Value:N0}" : $"{r.Key} {Per(r.Value, per)}"))
        + (count.BatchedRows.Count == 0 || per != 1 ? "" : "; rows in batches: " + string.Join(", ", count.BatchedRows.Select(b => $"{b.Key} {b.Value:N0}")));
}
