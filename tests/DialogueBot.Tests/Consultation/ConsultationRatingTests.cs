using System.Net.Http.Json;
using System.Text.Json;

namespace DialogueBot.Tests.Consultation;

/// <summary>
/// Ratings through Teams, counted when the window ends, read through the API under the pulse's disclosure
/// rules. With k = 5 in the demo org (20 managers), Engineering's raters are stored in the Engineering cell,
/// Operations' in Operations, Finance's in "everyone" (fewer than 5 Finance managers).
/// </summary>
public sealed class ConsultationRatingTests : ConsultationTest
{
    private static readonly string[] Engineering = ["p06", "p12", "p13", "p14", "p15", "p16"];
    private static readonly string[] Operations = ["p08", "p18", "p19", "p20", "p21"];

    private static JsonElement? View(JsonElement results, string cohort) =>
        results.GetProperty("views").EnumerateArray().Where(v => v.GetProperty("cohort").GetString() == cohort).Select(v => (JsonElement?)v).FirstOrDefault();

    [Fact]
    public async Task Ratings_aggregate_correctly_and_a_group_that_differencing_would_expose_stays_hidden()
    {
        var id = await CreateAsync();
        foreach (var person in Engineering)
        {
            var receipt = await RateAsync(Person(person), id, support: 4, impact: 2);
            Assert.Contains("Your rating was recorded", Text(receipt), StringComparison.Ordinal);
        }

        foreach (var person in Operations)
        {
            await RateAsync(Person(person), id, support: 2, impact: 4);
        }

        await RateAsync(Person("p10"), id, support: 1, impact: 5); // Finance: one manager alone

        // Nothing while the window is open: a figure that moves when a colleague says "I just rated" names them.
        var open = await GetJsonAsync($"/api/consultations/{id}/results");
        Assert.False(open.GetProperty("published").GetBoolean());
        Assert.Empty(open.GetProperty("views").EnumerateArray());

        await EndAndPublishAsync(id);
        var results = await GetJsonAsync($"/api/consultations/{id}/results");

        var everyone = View(results, "all")!.Value;
        Assert.Equal(12, everyone.GetProperty("people").GetInt32());
        Assert.Equal([1, 5, 0, 6, 0], everyone.GetProperty("support").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0, 6, 0, 5, 1], everyone.GetProperty("impact").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(Math.Round((1 + (5 * 2) + (6 * 4)) / 12.0, 2), everyone.GetProperty("supportMean").GetDouble());

        var engineering = View(results, "unit:Engineering")!.Value;
        Assert.Equal(6, engineering.GetProperty("people").GetInt32());
        Assert.Equal([0, 0, 0, 6, 0], engineering.GetProperty("support").EnumerateArray().Select(e => e.GetInt32()));

        // Operations has 5 raters, but everyone − Engineering − Operations would be Finance's single rating.
        Assert.Null(View(results, "unit:Operations"));
        Assert.True(results.GetProperty("hiddenViews").GetInt32() >= 1);
    }

    [Fact]
    public async Task Fewer_than_k_ratings_show_nothing_and_a_second_rating_counts_once()
    {
        var id = await CreateAsync();
        foreach (var person in new[] { "p12", "p13", "p14" })
        {
            await RateAsync(Person(person), id, 5, 5);
        }

        var again = await RateAsync(Person("p12"), id, 1, 1);
        Assert.Contains("already rated", Text(again), StringComparison.Ordinal);
        var brief = await PressAsync(Person("p13"), "consult.brief", new { consultationId = id });
        Assert.Contains("You have rated this proposal", Text(brief), StringComparison.Ordinal); // the rating form is gone once rated
        await EndAndPublishAsync(id);

        var results = await GetJsonAsync($"/api/consultations/{id}/results");
        Assert.True(results.GetProperty("published").GetBoolean());
        Assert.Empty(results.GetProperty("views").EnumerateArray());
        Assert.Contains("fewer than 5", results.GetProperty("message").GetString(), StringComparison.Ordinal);

        var late = await RateAsync(Person("p14"), id, 3, 3);
        Assert.Contains("has closed", Text(late), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rating_out_of_range_is_refused_with_the_brief_kept()
    {
        var id = await CreateAsync();
        var card = await RateAsync(Person("p12"), id, 9, 3);
        Assert.Contains("each from 1 to 5", Text(card), StringComparison.Ordinal);
        Assert.Contains("Send my rating", Text(card), StringComparison.Ordinal);

        using var client = Api(Person("p12").AadObjectId!);
        using var response = await client.PostAsJsonAsync($"/api/consultations/{id}/rating", new { support = 0, impact = 3 });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
