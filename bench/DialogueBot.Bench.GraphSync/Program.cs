using System.Diagnostics;
using System.Globalization;
using DialogueBot.Org;
using DialogueBot.Org.Graph;
using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// dotnet run -c Release --project bench/DialogueBot.Bench.GraphSync -- [--people 20000] [--page 200] [--throttle-every 50]
// The first sync of a generated tenant (every page of /users/delta, the role groups, the proposal), HR's
// approval (the versioned chart import), then a delta sync of 1 % joiners, 0.5 % leavers and 1 % movers.
// Every Nth Graph request is answered 429 with Retry-After: 1, as Graph does under load.
var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "DialogueBot.sln")))
{
    root = root.Parent;
}

if (root is not null)
{
    Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DIALOGUEBOT", Path.Combine(root.FullName, "src", "DialogueBot"));
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}

var people = Option("people", 20_000);
var pageSize = Option("page", 200);
var throttleEvery = Option("throttle-every", 50);

await using var graph = await GraphStub.StartAsync();
graph.PageSize = pageSize;
GraphTenants.SeedGenerated(graph, people);
await using var connector = await ConnectorStub.StartAsync();
var settings = graph.BotSettings(connector.ServiceUrl, GraphTenants.HrGroupId, GraphTenants.ExecutiveGroupId);
settings["Graph:ScheduleSync"] = "false";
settings["Demo:Enabled"] = "false";
settings["Org:CacheDuration"] = "00:10:00";
await using var bot = await BotAppFactory.StartAsync(new BotAppOptions
{
    Connector = connector,
    SeedDemoOrg = false,
    RunWorker = false, // the review cards are not part of the measurement
    Settings = settings,
    ConfigureServices = services =>
    {
        services.RemoveAll<IGraphTokenSource>();
        services.AddSingleton<IGraphTokenSource, StaticGraphTokenSource>();
    },
});

var sync = bot.Service<GraphOrgSync>();
var client = bot.Service<GraphClient>();
Console.WriteLine($"== Graph sync: generated tenant of {people:N0} people, {pageSize} per page, every {throttleEvery}th request 429 (Retry-After 1 s)");

var throttled = 0;
async Task<(T Result, TimeSpan Elapsed, long Requests)> MeasureAsync<T>(Func<Task<T>> run)
{
    var requestsBefore = client.RequestCount;
    using var cts = new CancellationTokenSource();
    var throttler = Task.Run(async () =>
    {
        var seen = graph.Requests.Count;
        while (!cts.IsCancellationRequested)
        {
            if (throttleEvery > 0 && graph.Requests.Count - seen >= throttleEvery)
            {
                seen = graph.Requests.Count;
                graph.FailNext(1, System.Net.HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1));
                Interlocked.Increment(ref throttled);
            }

            await Task.Delay(5);
        }
    });
    var stopwatch = Stopwatch.StartNew();
    var result = await run();
    stopwatch.Stop();
    await cts.CancelAsync();
    await throttler;
    return (result, stopwatch.Elapsed, client.RequestCount - requestsBefore);
}

var first = await MeasureAsync(() => sync.SyncAsync(CancellationToken.None));
Console.WriteLine($"first sync (read + proposal): {first.Result.Outcome}, {first.Result.Diff!.Joined.Count:N0} joined, {first.Elapsed.TotalSeconds:F1} s, {first.Requests:N0} Graph requests");

var hr = GraphTenants.IdOf(2);
var approve = await MeasureAsync(() => sync.ApproveAsync(first.Result.ProposalId!, hr, CancellationToken.None));
var chart = await bot.Service<OrgDirectory>().GetAsync();
Console.WriteLine($"approval (chart import): {approve.Result.Outcome}, {chart.People.Count:N0} people in force, {approve.Elapsed.TotalSeconds:F1} s, {approve.Requests:N0} Graph requests");

var joiners = people / 100;
graph.AddUsers(Enumerable.Range(people + 1, joiners).Select(n => new StubUser(GraphTenants.IdOf(n), $"Joiner {n}", $"j{n}@contoso.test", "Division 2", "Staff", GraphTenants.IdOf(2 + n % 50))));
for (var n = 3; n < 3 + people / 200; n++)
{
    graph.RemoveUser(GraphTenants.IdOf(n * 37 % people + 1));
}

for (var n = 0; n < people / 100; n++)
{
    var id = GraphTenants.IdOf(1000 + n * 13 % (people - 1000));
    if (graph.Users.Any(u => u.Id == id))
    {
        graph.UpdateUser(id, u => u with { ManagerId = GraphTenants.IdOf(3 + n % 40) });
    }
}

var delta = await MeasureAsync(() => sync.SyncAsync(CancellationToken.None));
var d = delta.Result.Diff!;
Console.WriteLine($"delta sync: {delta.Result.Outcome}, {d.Joined.Count} joined, {d.Left.Count} left, {d.Moved.Count} moved, {delta.Elapsed.TotalSeconds:F1} s, {delta.Requests:N0} Graph requests");
Console.WriteLine($"429s injected and waited out: {throttled}");
