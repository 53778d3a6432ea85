using DialogueBot.BotFramework.Hosting;
using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Api;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DialogueBot.Org.Graph;

/// <summary>
/// The org chart from Entra ID and proactive install through Microsoft Graph. Off unless
/// <c>Graph:Enabled</c>; then the CSV import stays available as the alternative, and both write the same
/// versioned chart. See README.md, "Org chart from Entra ID".
/// </summary>
public static class GraphFeature
{
    public static IServiceCollection AddGraphDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        // Registered whether or not Graph is configured (settings are read when first used, as tests and
        // App Service supply them late); everything checks Graph:Enabled before it calls Graph.
        services.AddOptions<GraphOptions>().Bind(configuration.GetSection(GraphOptions.SectionName))
            .Validate(o => !o.Problems().Any(), "Graph: settings are incomplete or out of range (see GraphOptions.Problems).")
            .ValidateOnStart();
        services.AddHttpClient(GraphClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60));
        services.TryAddSingleton<IGraphTokenSource, AzureIdentityGraphTokenSource>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<GraphClient>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(GraphClient.HttpClientName)));
        services.AddTable(GraphSyncStore.TableName);
        services.AddSingleton<GraphSyncStore>();
        services.AddSingleton<GraphDirectoryReader>();
        services.AddSingleton<GraphOrgMapper>();
        services.AddSingleton<GraphOrgSync>();
        services.AddSingleton<IWorkHandler, GraphSyncHandler>();
        services.AddTransient<IWorkHandler, GraphReviewNotifyHandler>();
        services.AddHostedService<GraphSyncStarter>();
        services.AddBotRoutes<GraphSyncRoutes>();
        services.AddSingleton<DialogueBot.Retention.IErasureParticipant, GraphErasure>();

        // Replaces the "nobody is installed for" default, whichever of the two is registered first.
        services.AddSingleton<GraphProactiveInstaller>();
        services.RemoveAll<IProactiveInstaller>();
        services.AddSingleton<IProactiveInstaller>(sp => sp.GetRequiredService<IOptions<GraphOptions>>().Value is { Enabled: true, CatalogAppId.Length: > 0 }
            ? sp.GetRequiredService<GraphProactiveInstaller>()
            : new NoProactiveInstaller());
        return services;
    }

    public static IEndpointRouteBuilder MapGraphDirectory(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<GraphOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        var group = endpoints.MapGroup("/api/org/graph").WithTags("Org");
        group.MapPost("/sync", SyncNowAsync).RequireOrgRole(OrgRole.HR);
        group.MapGet("/status", StatusAsync).RequireOrgRole(OrgRole.HR);
        group.MapGraphReview();
        return endpoints;
    }

    private static async Task<IResult> SyncNowAsync(WorkQueue work, CancellationToken cancellationToken)
    {
        var key = GraphSyncHandler.OnDemandKey();
        await work.EnqueueAsync(GraphSyncHandler.SyncKind, key, new GraphSyncPayload(null), cancellationToken: cancellationToken);
        return Results.Accepted(value: new GraphSyncQueued(key));
    }

    private static async Task<IResult> StatusAsync(GraphSyncStore store, CancellationToken cancellationToken)
    {
        var state = await store.GetStateAsync(cancellationToken);
        var proposal = await store.GetProposalAsync(cancellationToken);
        return Results.Ok(new GraphSyncStatus(
            state?.At,
            proposal is null ? null : new GraphProposalStatus(proposal.ProposalId, proposal.At, proposal.Joined, proposal.Left, proposal.Moved, proposal.Changed, proposal.People)));
    }
}

public sealed record GraphSyncQueued(string Key);

public sealed record GraphSyncStatus(DateTimeOffset? LastAppliedAt, GraphProposalStatus? WaitingForApproval);

public sealed record GraphProposalStatus(string ProposalId, DateTimeOffset ProposedAt, int Joined, int Left, int Moved, int Changed, int People);
