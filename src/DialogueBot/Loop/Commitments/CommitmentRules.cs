using System.Globalization;
using DialogueBot.BotFramework.Routing;
using DialogueBot.Org;

namespace DialogueBot.Loop.Commitments;

/// <summary>A summary as a leader sends it (API JSON): what they heard and the actions committed to.</summary>
public sealed record SummaryDraft(string? Heard, IReadOnlyList<ActionDraft>? Actions);

/// <param name="Owner">The owner's org-chart id or email.</param>
/// <param name="Due">A day, yyyy-MM-dd.</param>
public sealed record ActionDraft(string? Title, string? Owner, string? Due);

/// <summary>A summary's checked content: text, and each action with its owner found in the org chart and its due moment.</summary>
public sealed record ValidSummary(string Heard, IReadOnlyList<(string Title, OrgPerson Owner, DateTimeOffset Due)> Actions);

/// <summary>The commitments' rules, pure so they are unit-tested: what a summary must hold, and which status changes are allowed.</summary>
public static class CommitmentRules
{
    public const int MaxHeardLength = 2000;
    public const int MaxTitleLength = 200;
    public const int MaxReasonLength = 500;
    public const int MaxActions = 10;

    /// <summary>The checked summary, or the problems by field ("heard", "actions[0].due").</summary>
    public static (ValidSummary? Summary, Dictionary<string, string[]> Errors) Check(SummaryDraft? draft, OrgSnapshot org, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var heard = (UserText.Clean(draft?.Heard) ?? "").Trim();
        if (heard.Length == 0)
        {
            errors["heard"] = ["Say what you heard."];
        }
        else if (heard.Length > MaxHeardLength)
        {
            errors["heard"] = [$"What you heard is limited to {MaxHeardLength} characters."];
        }

        var drafts = draft?.Actions ?? [];
        if (drafts.Count > MaxActions)
        {
            errors["actions"] = [$"At most {MaxActions} actions."];
        }

        var actions = new List<(string, OrgPerson, DateTimeOffset)>();
        for (var i = 0; i < Math.Min(drafts.Count, MaxActions); i++)
        {
            var field = $"actions[{i}]";
            var title = (UserText.Clean(drafts[i]?.Title) ?? "").Trim();
            var owner = org.FindById(drafts[i]?.Owner?.Trim()) ?? org.FindByEmail(drafts[i]?.Owner?.Trim());
            var dueOk = DateOnly.TryParseExact(drafts[i]?.Due?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dueDay);
            if (title.Length == 0 || title.Length > MaxTitleLength)
            {
                errors[field + ".title"] = [$"An action needs a title of 1 to {MaxTitleLength} characters."];
            }

            if (owner is null || !owner.IsActive)
            {
                errors[field + ".owner"] = ["The owner must be someone in the org chart (id or email)."];
            }

            if (!dueOk)
            {
                errors[field + ".due"] = ["The due date is a day: yyyy-MM-dd."];
            }
            else if (DueMoment(dueDay) < now)
            {
                errors[field + ".due"] = ["The due date has passed."];
            }

            if (owner is not null && dueOk)
            {
                actions.Add((title, owner, DueMoment(dueDay)));
            }
        }

        return errors.Count > 0 ? (null, errors) : (new ValidSummary(heard, actions), errors);
    }

    /// <summary>An action is due by the end of its day (UTC): done that day is on time, the reminder comes after.</summary>
    public static DateTimeOffset DueMoment(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc));

    /// <summary>Why the change is refused, or null: done and dropped are final, a drop needs a reason, a change must change something.</summary>
    public static string? Refuse(CommitmentAction action, ActionStatus to, string? reason)
    {
        if (action.IsFinal)
        {
            return $"This action is {ActionStatusNames.Label(action.Status)}; it cannot change any more.";
        }

        if (to == action.Status)
        {
            return $"This action is already {ActionStatusNames.Label(to)}.";
        }

        if (to == ActionStatus.Open && action.Status != ActionStatus.Open)
        {
            return "An action in progress cannot go back to open.";
        }

        if (to == ActionStatus.Dropped && string.IsNullOrWhiteSpace(reason))
        {
            return "Say why the action is dropped: the people who were told about it will read the reason.";
        }

        return reason?.Trim().Length > MaxReasonLength ? $"The reason is limited to {MaxReasonLength} characters." : null;
    }

    /// <summary>Applies an allowed change to the row: status, reason, when it was done, and a new version (announced once).</summary>
    public static void Apply(ActionEntity row, ActionStatus to, string? reason, DateTimeOffset now)
    {
        row.Status = to;
        row.Reason = to == ActionStatus.Dropped ? (UserText.Clean(reason) ?? "").Trim() : "";
        row.DoneAt = to == ActionStatus.Done ? now : null;
        row.Version++;
    }
}
