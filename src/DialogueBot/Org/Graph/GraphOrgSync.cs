using DialogueBot.Infrastructure.Work;
using Microsoft.Extensions.Options;

namespace DialogueBot.Org.Graph;

/// <summary>
/// The org chart from Entra ID: every rule of the sync and of HR's review. A sync reads the changes since
/// the last applied one, maps the whole directory to a chart and compares it with the chart in force. Small
/// changes apply at once; the first sync, and any that would join, remove or move more than the configured
/// share, wait as a proposal for HR, who get a review card. Applying goes through the org chart's own
/// versioned import, so readers see the old chart or the new one, never a mix; a failure before the state
/// row moves means the next sync simply reads the same changes again.
/// </summary>
public sealed class GraphOrgSync(
    GraphDirectoryReader reader,
    GraphSyncStore store,
    GraphOrgMapper mapper,
    OrgChartRepository orgCharts,
    OrgDirectory directory,
    WorkQueue work,
    IOptions<GraphOptions> options,
    TimeProvider time,
    ILogger<GraphOrgSync> logger)
{
    public const int ExamplesShown = 5;

    /// <summary>One sync. Throws <see cref="GraphUnavailableException"/> when Graph fails; nothing is changed then.</summary>
    public async Task<GraphSyncResult> SyncAsync(CancellationToken cancellationToken)
    {
        var state = await store.GetStateAsync(cancellationToken);
        var previous = await store.LoadUsersAsync(state?.UsersVersion, cancellationToken);
        var erased = await store.ErasedAsync(cancellationToken);
        var read = await reader.ReadAsync(previous, state?.DeltaLink, KeyOf(erased), cancellationToken);
        read = read with { Users = WithErasedAsPlaceholders(read.Users, erased) };

        directory.Invalidate();
        var current = await directory.GetAsync(cancellationToken);
        var proposed = mapper.Map(read.Users, current);
        var diff = OrgChartDiff.Compute(current.People, proposed);
        var usersChanged = read.Users.Count != previous.Count || read.Users.Any(u => !previous.TryGetValue(u.Key, out var was) || was != u.Value);

        if (state is not null && !usersChanged && diff.IsEmpty)
        {
            state.DeltaLink = read.DeltaLink;
            state.At = time.GetUtcNow();
            return await store.TryCommitAsync(state, state, cancellationToken) ? new GraphSyncResult(GraphSyncOutcome.Unchanged, diff) : new GraphSyncResult(GraphSyncOutcome.Conflict);
        }

        var usersVersion = await store.WriteUsersAsync(read.Users.Values, cancellationToken);
        var firstApply = state is null;
        if (!diff.IsEmpty && (firstApply || diff.Share(current.People.Count) > options.Value.ApprovalThreshold))
        {
            var proposalId = await ProposeAsync(state, usersVersion, read.DeltaLink, diff, current, proposed, cancellationToken);
            logger.LogInformation("Graph sync waits for HR: {Joined} joined, {Left} left, {Moved} moved.", diff.Joined.Count, diff.Left.Count, diff.Moved.Count);
            return new GraphSyncResult(GraphSyncOutcome.AwaitingApproval, diff, proposalId);
        }

        return await ApplyAsync(state, usersVersion, read.DeltaLink, proposed, diff, cancellationToken);
    }

    public async Task<GraphReviewResult> ApproveAsync(string proposalId, string callerAadObjectId, CancellationToken cancellationToken)
    {
        var (proposal, users, current, allowed) = await OpenProposalAsync(proposalId, callerAadObjectId, cancellationToken);
        if (proposal is null || users is null)
        {
            return new GraphReviewResult(GraphReviewOutcome.Stale);
        }

        if (!allowed)
        {
            return new GraphReviewResult(GraphReviewOutcome.NotAllowed);
        }

        var state = await store.GetStateAsync(cancellationToken);
        if ((state?.UsersVersion ?? "") != proposal.BaseUsersVersion)
        {
            await store.TryRemoveProposalAsync(proposal, deleteUsers: true, cancellationToken);
            return new GraphReviewResult(GraphReviewOutcome.Stale);
        }

        // Taking the proposal away first makes a second press (or a second HR person) find nothing to apply.
        if (!await store.TryRemoveProposalAsync(proposal, deleteUsers: false, cancellationToken))
        {
            return new GraphReviewResult(GraphReviewOutcome.Stale);
        }

        var proposed = mapper.Map(WithErasedAsPlaceholders(users, await store.ErasedAsync(cancellationToken)), current);
        var diff = OrgChartDiff.Compute(current.People, proposed);
        var result = await ApplyAsync(state, proposal.UsersVersion, proposal.DeltaLink, proposed, diff, cancellationToken);
        return new GraphReviewResult(result.Outcome == GraphSyncOutcome.Applied ? GraphReviewOutcome.Applied : GraphReviewOutcome.Stale, diff);
    }

    public async Task<GraphReviewResult> RejectAsync(string proposalId, string callerAadObjectId, CancellationToken cancellationToken)
    {
        var (proposal, _, _, allowed) = await OpenProposalAsync(proposalId, callerAadObjectId, cancellationToken);
        if (proposal is null)
        {
            return new GraphReviewResult(GraphReviewOutcome.Stale);
        }

        if (!allowed)
        {
            return new GraphReviewResult(GraphReviewOutcome.NotAllowed);
        }

        return new GraphReviewResult(await store.TryRemoveProposalAsync(proposal, deleteUsers: true, cancellationToken) ? GraphReviewOutcome.Rejected : GraphReviewOutcome.Stale);
    }

    /// <summary>
    /// The proposal's HR reviewer, as the review card's recipient: someone of the chart in force, or, before
    /// the first chart, an HR member of the proposed one (known only by their Entra id until it applies).
    /// </summary>
    public async Task<OrgPerson?> FindReviewerAsync(GraphSyncStateEntity proposal, string personId, CancellationToken cancellationToken)
    {
        var current = await directory.GetAsync(cancellationToken);
        if (HasHr(current))
        {
            return current.FindById(personId) is { IsActive: true } p && p.Roles.HasFlag(OrgRole.HR) ? p : null;
        }

        // A proposed reviewer the chart knows (a CSV chart naming no HR) keeps their chart id; a new one is known by their Entra id.
        var known = current.FindById(personId);
        var user = await store.FindUserAsync(proposal.UsersVersion, known?.AadObjectId ?? personId, cancellationToken);
        return user is { IsHr: true, AccountEnabled: true }
            ? known ?? new OrgPerson { Id = user.Id, AadObjectId = user.Id, Name = user.DisplayName ?? user.Id, Roles = OrgRole.HR }
            : null;
    }

    private static bool HasHr(OrgSnapshot chart) => chart.People.Any(p => p.IsActive && p.Roles.HasFlag(OrgRole.HR));

    /// <summary>People HR erased stay erased although Entra ID still lists them: kept under a hash of their id.</summary>
    private Func<string, string> KeyOf(Dictionary<string, string> erased) =>
        erased.Count == 0 ? id => id : id => erased.ContainsKey(store.ErasedKeyOf(id)) ? store.ErasedKeyOf(id) : id;

    /// <summary>Of an erased person only their place in the tree is kept (a delta may have brought their name back).</summary>
    private static Dictionary<string, GraphUser> WithErasedAsPlaceholders(IReadOnlyDictionary<string, GraphUser> users, Dictionary<string, string> erased) =>
        users.ToDictionary(u => u.Key, u => erased.TryGetValue(u.Key, out var placeholder) && placeholder.Length > 0 ? u.Value.Erased(u.Key, placeholder) : u.Value, StringComparer.OrdinalIgnoreCase);

    private async Task<(GraphSyncStateEntity? Proposal, Dictionary<string, GraphUser>? Users, OrgSnapshot Current, bool Allowed)> OpenProposalAsync(string proposalId, string callerAadObjectId, CancellationToken cancellationToken)
    {
        directory.Invalidate();
        var current = await directory.GetAsync(cancellationToken);
        var proposal = await store.GetProposalAsync(cancellationToken);
        if (proposal is null || proposal.ProposalId != proposalId)
        {
            return (null, null, current, false);
        }

        var users = await store.LoadUsersAsync(proposal.UsersVersion, cancellationToken);
        // Roles are checked here, on the server: before the first chart (or with a CSV chart that names no
        // HR) nobody is HR yet, so the proposed chart's HR group decides; otherwise only HR of the chart in force.
        var allowed = !HasHr(current)
            ? users.TryGetValue(callerAadObjectId, out var user) && user is { IsHr: true, AccountEnabled: true }
            : current.FindByAadObjectId(callerAadObjectId) is { IsActive: true } person && person.Roles.HasFlag(OrgRole.HR);
        return (proposal, users, current, allowed);
    }

    private async Task<string> ProposeAsync(GraphSyncStateEntity? state, string usersVersion, string deltaLink, OrgChartDiff diff, OrgSnapshot current, IReadOnlyList<OrgPerson> proposed, CancellationToken cancellationToken)
    {
        var waiting = await store.GetProposalAsync(cancellationToken);
        var baseVersion = state?.UsersVersion ?? "";
        // The same change proposed again (the next scheduled sync) keeps its card: HR is not asked twice.
        var same = waiting is not null && waiting.BaseUsersVersion == baseVersion && waiting.Joined == diff.Joined.Count && waiting.Left == diff.Left.Count && waiting.Moved == diff.Moved.Count;
        var proposal = new GraphSyncStateEntity
        {
            UsersVersion = usersVersion,
            DeltaLink = deltaLink,
            At = time.GetUtcNow(),
            ProposalId = same ? waiting!.ProposalId : "gp" + Guid.NewGuid().ToString("N")[..20],
            BaseUsersVersion = baseVersion,
            Joined = diff.Joined.Count,
            Left = diff.Left.Count,
            Moved = diff.Moved.Count,
            Changed = diff.Changed,
            People = proposed.Count,
            Examples = GraphProposalExamples.Write(diff, ExamplesShown),
        };
        await store.SaveProposalAsync(proposal, cancellationToken);
        if (same)
        {
            return proposal.ProposalId;
        }

        var reviewers = HasHr(current) ? current.People.Where(p => p.IsActive && p.Roles.HasFlag(OrgRole.HR)) : proposed.Where(p => p.Roles.HasFlag(OrgRole.HR));
        foreach (var reviewer in reviewers)
        {
            await work.EnqueueAsync(GraphReviewNotifyHandler.NotifyKind, $"{GraphReviewNotifyHandler.NotifyKind}.{proposal.ProposalId}.{reviewer.Id}", new GraphReviewPayload(proposal.ProposalId, reviewer.Id), cancellationToken: cancellationToken);
        }

        return proposal.ProposalId;
    }

    private async Task<GraphSyncResult> ApplyAsync(GraphSyncStateEntity? state, string usersVersion, string deltaLink, IReadOnlyList<OrgPerson> proposed, OrgChartDiff diff, CancellationToken cancellationToken)
    {
        if (!diff.IsEmpty)
        {
            await orgCharts.ImportAsync(proposed, cancellationToken);
            directory.Invalidate();
        }

        var next = new GraphSyncStateEntity { UsersVersion = usersVersion, DeltaLink = deltaLink, At = time.GetUtcNow() };
        if (!await store.TryCommitAsync(state, next, cancellationToken))
        {
            // Another sync moved the state meanwhile; the next one compares the chart with its users again.
            await store.DeleteUsersAsync(usersVersion, cancellationToken);
            return new GraphSyncResult(GraphSyncOutcome.Conflict, diff);
        }

        if (state is not null)
        {
            await store.DeleteUsersAsync(state.UsersVersion, cancellationToken);
        }

        // A proposal computed from the users just replaced is out of date.
        if (await store.GetProposalAsync(cancellationToken) is { } waiting && waiting.BaseUsersVersion != usersVersion)
        {
            await store.TryRemoveProposalAsync(waiting, deleteUsers: true, cancellationToken);
        }

        logger.LogInformation("Graph sync applied: {Joined} joined, {Left} left, {Moved} moved, {Changed} changed.", diff.Joined.Count, diff.Left.Count, diff.Moved.Count, diff.Changed);
        return new GraphSyncResult(GraphSyncOutcome.Applied, diff);
    }
}

public enum GraphSyncOutcome
{
    Applied,
    /// <summary>Nothing in the chart changed; only the point to read changes from moved on.</summary>
    Unchanged,
    AwaitingApproval,
    /// <summary>Another sync applied meanwhile; this one left everything as that one did.</summary>
    Conflict,
}

public sealed record GraphSyncResult(GraphSyncOutcome Outcome, OrgChartDiff? Diff = null, string? ProposalId = null);

public enum GraphReviewOutcome
{
    Applied,
    Rejected,
    NotAllowed,
    /// <summary>The proposal was applied, rejected or replaced by a newer one already.</summary>
    Stale,
}

public sealed record GraphReviewResult(GraphReviewOutcome Outcome, OrgChartDiff? Diff = null);

public sealed record GraphReviewPayload(string ProposalId, string PersonId);
