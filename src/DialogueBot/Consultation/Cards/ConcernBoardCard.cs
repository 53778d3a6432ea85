using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Consultation.Model;
using static DialogueBot.Consultation.Cards.ConsultationCardParts;

namespace DialogueBot.Consultation.Cards;

/// <summary>The concern board in chat: items ranked by votes, upvotes for the consulted, answers and merges for the executive.</summary>
public static class ConcernBoardCard
{
    public const int MaxItems = 15;

    public static AdaptiveCard Build(ConcernBoard board, string? message = null, bool problem = false)
    {
        var consultation = board.Consultation;
        var body = new List<CardElement> { Kicker($"Concern board · {board.Items.Count} open item(s), ranked by votes"), Title(consultation) };
        body.AddRange(Notice(message, problem));
        if (board.Items.Count == 0)
        {
            body.Add(new TextBlock("Nothing raised yet.") { IsSubtle = true });
        }

        foreach (var item in board.Items.Take(MaxItems))
        {
            var merged = board.Merged.Count(m => m.MergedInto == item.Id);
            var items = new List<CardElement>
            {
                new TextBlock($"#{item.Number} · {item.Kind.Describe()} · {item.Votes} vote{(item.Votes == 1 ? "" : "s")}{(merged > 0 ? $" · {merged} merged in" : "")}") { Weight = FontWeight.Bolder, Size = FontSize.Small },
                CardText.User(item.Text, 600),
                new TextBlock(item.Author is null ? "Anonymous" : CardText.Markdown(item.Author, 80)) { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
            };
            if (item.Answer.Length > 0)
            {
                items.Add(new TextBlock("Answer") { Weight = FontWeight.Bolder, Size = FontSize.Small });
                items.Add(CardText.User(item.Answer, 2000));
            }

            var actions = new List<CardAction>();
            if (board.CanGiveInput)
            {
                actions.Add(new ExecuteAction(item.Voted ? "Take back my vote" : "Upvote", VoteVerb, new ConsultVoteData(consultation.Id, item.Id, !item.Voted)));
            }

            if (board.CanManage && consultation.Status != ConsultationStatus.Decided)
            {
                actions.Add(new ShowCardAction(item.Answer.Length > 0 ? "Change the answer" : "Answer", new NestedCard
                {
                    Body = [new InputText { Id = ConsultAnswerData.InputId(item.Id), Label = $"Your answer to #{item.Number}", IsMultiline = true, MaxLength = 2000 }],
                    Actions = [new ExecuteAction("Publish the answer", AnswerVerb, new ConsultAnswerData(consultation.Id, item.Id))],
                }));
            }

            if (actions.Count > 0)
            {
                items.Add(new ActionSet { Actions = actions });
            }

            body.Add(new Container { Items = items, Separator = true, Spacing = Spacing.Medium });
        }

        if (board.Items.Count > MaxItems)
        {
            body.Add(new TextBlock($"…and {board.Items.Count - MaxItems} more on the consultation's page.") { IsSubtle = true });
        }

        if (board.Suggestions.Count > 0)
        {
            body.Add(new TextBlock("These look like duplicates") { Weight = FontWeight.Bolder, Spacing = Spacing.Large, Separator = true });
            var numbers = board.Items.ToDictionary(i => i.Id, i => i.Number);
            body.Add(new ActionSet
            {
                Actions = board.Suggestions.Take(4)
                    .Select(s => (CardAction)new ExecuteAction($"Merge #{numbers.GetValueOrDefault(s.SourceId)} into #{numbers.GetValueOrDefault(s.TargetId)}", MergeVerb, new ConsultMergeData(consultation.Id, s.SourceId, s.TargetId)))
                    .ToList(),
            });
        }

        var footer = new List<CardAction>();
        if (ConsultationAccessHint(board))
        {
            footer.Add(new ExecuteAction("Back to the brief", BriefVerb, new ConsultationRef(consultation.Id)));
        }

        if (board.CanManage)
        {
            footer.Add(new ExecuteAction("Results and outcome", ResultsVerb, new ConsultationRef(consultation.Id)));
        }

        footer.Add(new ExecuteAction("Refresh", BoardVerb, new ConsultationRef(consultation.Id)));
        return new AdaptiveCard { FallbackText = $"Concern board: {consultation.Title}", Body = body, Actions = footer };
    }

    // The brief is for the consulted; an executive who is not in the audience goes to results instead.
    private static bool ConsultationAccessHint(ConcernBoard board) => board.CanGiveInput || !board.CanManage;
}
