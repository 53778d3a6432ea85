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

public static class TurnCallerExtensions
{
    private static readonly object CallerKey = new();

    /// <summary>The caller of this turn, resolved once per turn from the sender's AAD object id.</summary>
    public static async Task<Caller> GetCallerAsync(this TurnContext context, CancellationToken cancellationToken = default)
    {
        if (context.Items.TryGetValue(CallerKey, out var cached) && cached is Caller caller)
        {
            return caller;
        }

        var aad = context.Activity.From?.AadObjectId ?? "";
        var directory = context.Services.GetRequiredService<OrgDirectory>();
        var person = aad.Length == 0 ? null : await directory.FindByAadObjectIdAsync(aad, cancellationToken);
        caller = new Caller(aad.ToLowerInvariant(), person);
        context.Items[CallerKey] = caller;
        return caller;
    }
}
