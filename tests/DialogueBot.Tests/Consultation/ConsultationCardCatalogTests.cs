using DialogueBot.Consultation;
using DialogueBot.Consultation.Cards;
using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Model;
using DialogueBot.Org;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Consultation;

/// <summary>Every consultation card, validated against Adaptive Cards 1.5 and saved for the renderer test (and the screenshots).</summary>
public class ConsultationCardCatalogTests
{
    private static readonly DateTimeOffset Opens = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static ConsultationRecord Sample(ConsultationStatus status = ConsultationStatus.Open) => new()
    {
        Id = "co0123456789ab",
        OwnerPersonId = "p01",
        OpensAt = Opens,
        AudienceCount = 20,
        Status = status,
        Brief = new ValidConsultation(
            "Move to a four-day office week",
            "From the next quarter, teams work from the office Monday to Thursday.",
            "Collaboration scores dropped two pulses in a row.",
            "Three days chosen by each team; no change.",
            "Manchester has 60% desk capacity until spring.",
            "Which days, and exceptions for carers.",
            "Whether office time increases.",
            ConsultationAudience.Everyone,
            Opens.AddDays(7)),
        Outcome = status == ConsultationStatus.Decided ? ConsultationOutcome.Changed : null,
        WhatChanged = status == ConsultationStatus.Decided ? "Carers choose their days." : "",
        TalkingPoints = status == ConsultationStatus.Decided ? "Four days from April." : "",
        AnnouncementAt = status == ConsultationStatus.Decided ? Opens.AddDays(9) : null,
    };

    private static ConcernEntity Concern(int number, string text, int votes) => new() { PartitionKey = "co0123456789ab", RowKey = ConcernEntity.IdOf(number), Number = number, Text = text, Votes = votes, Anonymous = true };

    [Fact]
    public void The_brief_in_each_of_its_states()
    {
        var c = Sample();
        CardCatalog.Save("consultation-brief", BriefCard.Build(c, new BriefCardState(true, false, false, true, 5)));
        CardCatalog.Save("consultation-brief-rated", BriefCard.Build(c, new BriefCardState(true, true, true, true, 5) { Message = "Your rating was recorded." }));
        CardCatalog.Save("consultation-brief-duplicate", BriefCard.Build(c, new BriefCardState(true, false, false, true, 5) { Message = "#1 says something similar.", MessageIsProblem = true, Duplicate = Concern(1, "Carers cannot do four days", 4) }));
        CardCatalog.Save("consultation-brief-named-only", BriefCard.Build(c with { AudienceCount = 3 }, new BriefCardState(true, false, false, false, 5)));
        CardCatalog.Save("consultation-brief-closed", BriefCard.Build(Sample(ConsultationStatus.Reviewing), new BriefCardState(false, true, false, true, 5)));
    }

    [Fact]
    public void The_board_the_executive_view_the_outcome_and_the_form()
    {
        var c = Sample();
        var items = new List<ConcernView>
        {
            new("c0001", 1, ConcernKind.Concern, "Carers cannot do four fixed days", null, 7, true, "", null),
            new("c0003", 3, ConcernKind.Question, "Which days are fixed?", "Joni Sherman", 2, false, "Monday to Thursday.", null),
        };
        var merged = new List<ConcernView> { new("c0002", 2, ConcernKind.Concern, "Carers and four days", null, 0, false, "", "c0001") };
        CardCatalog.Save("consultation-board", ConcernBoardCard.Build(new ConcernBoard(c, items, merged, [new MergeSuggestion("c0003", "c0001", 0.6)], CanManage: true, CanGiveInput: true)));
        CardCatalog.Save("consultation-board-manager", ConcernBoardCard.Build(new ConcernBoard(c, items, merged, [], CanManage: false, CanGiveInput: true), "You upvoted #1."));

        var timeline = new List<TimelineStep> { new("Brief sent", Opens, true, "20 of 20 managers have it"), new("Input window ends", Opens.AddDays(7), false) };
        var results = new RatingResults(true, "1 group(s) are not shown.", [new CohortFigures("all", "Everyone", 12, 2.9, [1, 5, 0, 6, 0], 3.1, [0, 6, 0, 5, 1]), new CohortFigures("unit:Engineering", "Engineering", 6, 4, [0, 0, 0, 6, 0], 2, [0, 6, 0, 0, 0])], 1);
        var volunteers = new List<OrgPerson> { new() { Id = "p13", Name = "Adele Vance" } };
        CardCatalog.Save("consultation-executive-open", ExecutiveCard.Build(new ExecutiveView(c, timeline, RatingResults.NotYet("Ratings are shown after the input window closes."), volunteers, TimeSpan.FromHours(24))));
        CardCatalog.Save("consultation-executive-review", ExecutiveCard.Build(new ExecutiveView(Sample(ConsultationStatus.Reviewing), timeline, results, volunteers, TimeSpan.FromHours(24)), "Too soon.", true, new Dictionary<string, string[]> { ["announcementAt"] = ["At least 24 hours from now."] }));
        CardCatalog.Save("consultation-executive-decided", ExecutiveCard.Build(new ExecutiveView(Sample(ConsultationStatus.Decided), timeline, results, [], TimeSpan.FromHours(24))));
        CardCatalog.Save("consultation-outcome", OutcomeCard.Build(Sample(ConsultationStatus.Decided)));
        CardCatalog.Save("consultation-form", DraftFormCard.Build(["Engineering", "Engineering/Platform", "Operations"]));
        CardCatalog.Save("consultation-form-errors", DraftFormCard.Build(["Engineering"], new ConsultCreateData(Title: "x"), new Dictionary<string, string[]> { ["proposal"] = ["proposal is required."] }));
        CardCatalog.Save("consultation-list", DraftFormCard.List([c, Sample(ConsultationStatus.Decided)], _ => true, canDraft: true));
        CardCatalog.Save("consultation-list-empty", DraftFormCard.List([], _ => false, canDraft: false));
    }
}
