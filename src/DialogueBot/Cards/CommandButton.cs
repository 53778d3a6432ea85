using DialogueBot.BotFramework.Cards;

namespace DialogueBot.Cards;

/// <summary>
/// A button that does what typing a command does, for tasks whose start is a command rather than a card
/// verb ("questions", "ask"): Teams posts the command as the person's own message (imBack), so the same
/// route answers it, with the same role checks.
/// </summary>
public static class CommandButton
{
    public static SubmitAction For(string title, string command) =>
        new(title, new { msteams = new { type = "imBack", value = command } });
}
