using DialogueBot.Org;
using Microsoft.Extensions.Options;

namespace DialogueBot.Demo;

/// <summary>
/// For `make run`: imports the 30-person demo org into empty storage (the Playground's user is Alex
/// Wilber, a manager with HR rights) and lets each feature seed its demo content.
/// </summary>
public sealed class DemoSeeder(IOptions<DemoOptions> options, OrgChartRepository orgCharts, OrgDirectory directory, IEnumerable<IDemoSeed> seeds, ILogger<DemoSeeder> logger) : IHostedService
{
    public static string DemoOrgCsv() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Demo", "demo-org.csv"));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        if (await orgCharts.GetMetaAsync(cancellationToken) is null)
        {
            var parsed = OrgChartCsv.Parse(DemoOrgCsv());
            if (!parsed.IsValid)
            {
                throw new InvalidOperationException("The demo org chart is invalid: " + string.Join("; ", parsed.Errors));
            }

            await orgCharts.ImportAsync(parsed.People, cancellationToken);
            directory.Invalidate();
            logger.LogInformation("Demo: imported the {Count}-person demo org.", parsed.People.Count);
        }

        foreach (var seed in seeds)
        {
            await seed.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
