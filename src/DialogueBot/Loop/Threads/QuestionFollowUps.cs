using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.Pulse.Answering;
using DialogueBot.TownHall.Questions;

namespace DialogueBot.Loop.Threads;

/// <summary>
/// "The hosts may follow up with me anonymously" on the town-hall ask form (off by default): ticked on an
/// anonymous question, a thread opens for it, so a host can ask the asker a follow-up and the asker can
/// answer anonymously or with their name (the same relay as pulse comments).
/// </summary>
public sealed class QuestionFollowUps(ThreadService threads)
{
    public const string InputId = "followUpOk";

    public static InputToggle Toggle() => new()
    {
        Id = InputId,
        Title = "The hosts may follow up with me anonymously (they will not learn who I am)",
        Value = "false",
        ValueOn = "true",
        ValueOff = "false",
        Wrap = true,
    };

    /// <summary>After an ask from the form: opens the thread when the question is anonymous and the toggle was ticked.</summary>
    public async Task OfferAsync(TurnContext context, QuestionEntity? question, CancellationToken cancellationToken)
    {
        if (question is not { Anonymous: true } || context.CardAction?.GetString(InputId) is not "true" || ReplyOptIn.AddressOf(context.Activity) is not { } asker)
        {
            return;
        }

        await threads.OpenForQuestionAsync(question.TownHallId, question.Id, asker, cancellationToken);
    }
}
