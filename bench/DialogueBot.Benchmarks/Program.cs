using DialogueBot.Benchmarks;

// dotnet run -c Release --project bench/DialogueBot.Benchmarks -- [fanout|results|tenant|all] [--recipients N] [--responses N] [--rate N] [--instances N]
// WebApplicationFactory finds the app's content root itself in test projects; a console app tells it.
var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "DialogueBot.sln")))
{
    root = root.Parent;
}

if (root is not null)
{
    Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DIALOGUEBOT", Path.Combine(root.FullName, "src", "DialogueBot"));
}

var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}

if (what is "fanout" or "all")
{
    await FanoutBenchmark.RunAsync(Option("recipients", 10_000), Option("rate", 200));
}

if (what is "tenant")
{
    // Issue 14: the default size runs in about two minutes; --recipients 10000 is the full size.
    await TenantBudgetBenchmark.RunAsync(Option("recipients", 3_000), Option("rate", 50), Option("instances", 3));
}

if (what is "results" or "all")
{
    await ResultsBenchmark.RunAsync(Option("responses", 100_000));
}
