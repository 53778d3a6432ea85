using DialogueBot.BotFramework.Cards;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Model;
using static DialogueBot.Consultation.Cards.ConsultationCardParts;

namespace DialogueBot.Consultation.Cards;

/// <summary>The outcome, sent to every consulted manager ahead of the company-wide announcement, with talking points.</summary>
public static class OutcomeCard
{
    public static AdaptiveCard Build(ConsultationRecord consultation)
    {
        var body = new List<CardElement>
        {
            Kicker("Consultation outcome · you hear it before the announcement"),
            Title(consultation),
            new TextBlock(consultation.Outcome?.Describe() ?? "Decided") { Size = FontSize.Medium, Weight = FontWeight.Bolder, Color = TextColor.Accent },
        };
        if (consultation.AnnouncementAt is { } at)
        {
            body.Add(new TextBlock($"Announced company-wide on {Time(at)}. Please keep it within your management team until then.") { IsSubtle = true });
        }

        body.AddRange(Section("What changed because of your input", consultation.WhatChanged));
        body.AddRange(Section("Talking points for your team", consultation.TalkingPoints));
        return new AdaptiveCard
        {
            FallbackText = $"Consultation outcome: {consultation.Title}",
            Body = body,
            Actions = [new ExecuteAction("See the answered concerns", BoardVerb, new ConsultationRef(consultation.Id))],
        };
    }
}
