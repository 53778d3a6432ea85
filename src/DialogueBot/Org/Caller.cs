using DialogueBot.BotFramework.Routing;

namespace DialogueBot.Org;

/// <summary>Who is asking: their Teams identity and, when the org chart knows them, their person and roles.</summary>
public sealed record Caller(string AadObjectId, OrgPerson? Person)
{
    public OrgRole Roles => Person?.IsActive == true ? Person.Roles : OrgRole.None;

    /// <summary>True when the caller holds any of <paramref name="roles"/>.</summary>
    public bool HasAny(OrgRole roles) => (Roles & roles) != 0;

    public string FirstName => Person?.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "there";
}

/// <summary>
/// Gives every turn a way to find its caller in the org chart. The directory read is deferred until a
/// handler asks (<see cref="TurnCallerExtensions.GetCallerAsync"/>), so a turn that never needs the caller
/// never reads storage, and a storage failure surfaces inside the route, where it is answered as transient.
/// </summary>
public sealed class CallerTurnInitializer(OrgDirectory directory) : ITurnInitializer
{
    public void Initialize(TurnContext context) =>
        context.Items[TurnCallerExtensions.CallerKey] = new TurnCaller(directory, context.Activity.From?.AadObjectId ?? "");

    /// <summary>The caller of one turn, resolved on first use and then kept.</summary>
    internal sealed class TurnCaller(OrgDirectory directory, string aadObjectId)
    {
        private Caller? _caller;

        public async Task<Caller> GetAsync(CancellationToken cancellationToken)
        {
            if (_caller is null)
            {
                var person = aadObjectId.Length == 0 ? null : await directory.FindByAadObjectIdAsync(aadObjectId, cancellationToken);
                _caller = new Caller(aadObjectId.ToLowerInvariant(), person);
            }

            return _caller;
        }
    }
}

public static class TurnCallerExtensions
{
    internal static readonly object CallerKey = new();

    /// <summary>The caller of this turn, resolved once per turn from the sender's AAD object id.</summary>
    public static Task<Caller> GetCallerAsync(this TurnContext context, CancellationToken cancellationToken = default) =>
        context.Items.TryGetValue(CallerKey, out var turnCaller) && turnCaller is CallerTurnInitializer.TurnCaller caller
            ? caller.GetAsync(cancellationToken)
            : throw new InvalidOperationException("This turn has no caller: CallerTurnInitializer is not registered (AddOrg).");
}
