using System.Text.Json;
using DialogueBot.Org;
using DialogueBot.Org.Graph;
using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DialogueBot.Tests.Org.Graph;

/// <summary>
/// The bot with Graph configured against a local Graph stub holding <see cref="GraphTenants.SeedSmall"/>,
/// the Connector stub for Teams, and no org chart yet. The scheduled sync is off unless a test turns it on.
/// </summary>
public abstract class GraphTest : IAsyncLifetime
{
    protected GraphStub Graph { get; private set; } = null!;

    protected ConnectorStub Connector { get; private set; } = null!;

    protected BotAppFactory Bot { get; private set; } = null!;

    protected GraphOrgSync Sync => Bot.Service<GraphOrgSync>();

    protected virtual bool ScheduleSync => false;

    protected virtual IDictionary<string, string?> MoreSettings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        Graph = await GraphStub.StartAsync();
        GraphTenants.SeedSmall(Graph);
        Connector = await ConnectorStub.StartAsync();
        var settings = Graph.BotSettings(Connector.ServiceUrl, GraphTenants.HrGroupId, GraphTenants.ExecutiveGroupId);
        settings["Demo:Enabled"] = "false";
        settings["Graph:ScheduleSync"] = ScheduleSync.ToString();
        settings["Graph:MaxRetries"] = "2";
        foreach (var (key, value) in MoreSettings)
        {
            settings[key] = value;
        }

        Bot = await BotAppFactory.StartAsync(new BotAppOptions
        {
            Connector = Connector,
            SeedDemoOrg = false,
            RunScheduler = ScheduleSync,
            Settings = settings,
            ConfigureServices = services =>
            {
                services.RemoveAll<IGraphTokenSource>();
                services.AddSingleton<IGraphTokenSource, StaticGraphTokenSource>();
            },
        });
    }

    public virtual async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        await Graph.DisposeAsync();
    }

    protected TeamsUser UserOf(int n) => new(GraphTenants.IdOf(n), Graph.Users.Single(u => u.Id == GraphTenants.IdOf(n)).DisplayName, Connector.ServiceUrl);

    protected async Task<OrgSnapshot> ChartAsync()
    {
        var directory = Bot.Service<OrgDirectory>();
        directory.Invalidate();
        return await directory.GetAsync();
    }

    /// <summary>The first sync, approved by Hana (HR group): the chart every delta test starts from.</summary>
    protected async Task<OrgSnapshot> ApplyFirstSyncAsync()
    {
        var first = await Sync.SyncAsync(CancellationToken.None);
        Assert.Equal(GraphSyncOutcome.AwaitingApproval, first.Outcome);
        var approved = await Sync.ApproveAsync(first.ProposalId!, GraphTenants.IdOf(2), CancellationToken.None);
        Assert.Equal(GraphReviewOutcome.Applied, approved.Outcome);
        return await ChartAsync();
    }

    protected static string ProposalIdOf(ReceivedActivity card) =>
        card.Card.GetProperty("actions")[0].GetProperty("data").GetProperty("proposalId").GetString()!;

    protected static string TextOf(JsonElement card) => CardTexts.Of(card);
}
