using DialogueBot.Insights;
using DialogueBot.Org;
using DialogueBot.Recognition.Cards;
using DialogueBot.Recognition.Model;
using DialogueBot.Recognition.Nominations;
using Microsoft.Extensions.Options;

namespace DialogueBot.Recognition;

/// <summary>
/// The real <see cref="IRecognitionInsights"/>: wins featured within <see cref="RecognitionOptions.TownHallLookback"/>
/// before an event, so a win featured now shows on the next town hall's board and summary, and an old
/// town hall's board keeps the wins it had.
/// </summary>
public sealed class RecognitionInsights(NominationRepository nominations, OrgDirectory directory, IOptions<RecognitionOptions> options) : IRecognitionInsights
{
    public async Task<IReadOnlyList<FeaturedWin>> FeaturedWinsAsync(DateTimeOffset eventAt, int max, CancellationToken cancellationToken)
    {
        var from = eventAt - options.Value.TownHallLookback;
        var featured = (await nominations.ListFeaturedAsync(cancellationToken))
            .Where(n => n.Status == NominationState.Featured && n.FeaturedAt is { } at && at > from && at <= eventAt)
            .OrderByDescending(n => n.FeaturedAt).Take(Math.Max(0, max));
        return DigestCard.WinsOf(featured, await directory.GetAsync(cancellationToken), options.Value);
    }
}
