namespace DialogueBot.Loop.Cards;

// One record per Loop verb: the card builder writes it as the action's data, the route reads it back with
// DataAs<T>(). The text input ("text") is merged in by the client. Wire names are camelCase.

/// <summary>loop.reply: a leader writes in a thread (the first reply from the results, or a later one). <c>messageId</c> is made with the card, so a retried press stores nothing twice.</summary>
public sealed record ThreadReplyData(string Scope, string ThreadId, string MessageId, string? Text = null);

/// <summary>loop.answer: the author answers back, anonymously or (<c>reveal</c>) with their name.</summary>
public sealed record ThreadAnswerData(string Scope, string ThreadId, string MessageId, bool Reveal = false, string? Text = null);

/// <summary>loop.resolve: a leader closes the thread for good.</summary>
public sealed record ThreadResolveData(string Scope, string ThreadId);

/// <summary>loop.action: an action's owner (or HR, an executive) moves it on; <c>reason</c> is required to drop it.</summary>
public sealed record ActionChangeData(string Subject, string ActionId, string Status, string? Reason = null);

/// <summary>loop.figures: the follow-through figures card.</summary>
public sealed record FiguresData(string? Subject = null);
