using System.Net.Http.Json;
using System.Text.Json;
using DialogueBot.Testing;
using DialogueBot.TownHall.Questions;

namespace DialogueBot.Tests.TownHall;

/// <summary>A bot with the demo org, and helpers to open a town hall through the API and act through Teams.</summary>
public abstract class TownHallTest : BotTest
{
    /// <summary>A host of its own for every test.</summary>
    protected TownHallTest()
    {
    }

    /// <summary>One host for the class (its <see cref="SharedBot"/> fixture), handed over clean to every test.</summary>
    protected TownHallTest(SharedBot shared)
        : base(shared)
    {
    }

    /// <summary>Patti Fernandez (p05): executive and HR, opens town halls.</summary>
    protected const string PattiAad = "00000000-0000-0000-0000-0000000000024";


    protected HttpClient Api(string aadObjectId)
    {
        var client = Bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", aadObjectId);
        return client;
    }

    /// <summary>Opens a town hall hosted by Megan Bowen (p01), open for questions now unless told otherwise.</summary>
    protected async Task<string> CreateTownHallAsync(
        string title = "Q3 town hall",
        DateTimeOffset? opensAt = null,
        DateTimeOffset? closesAt = null,
        string[]? audience = null,
        bool announce = false,
        bool preModeration = false,
        string asUser = PattiAad,
        string[]? hosts = null)
    {
        using var client = Api(asUser);
        var now = DateTimeOffset.UtcNow;
        using var response = await client.PostAsJsonAsync("/api/townhalls", new
        {
            title,
            hostIds = hosts ?? ["p01"],
            audienceUnits = audience ?? [],
            opensAt = opensAt ?? now.AddHours(-1),
            closesAt = closesAt ?? now.AddDays(2),
            eventAt = (closesAt ?? now.AddDays(2)).AddHours(1),
            anonymousByDefault = true,
            preModeration,
            announce,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Asks through the card (Action.Execute) and returns the card the bot answered with. Without
    /// <paramref name="askId"/> each call is a fresh ask form's press (a new random ask id, as the form carries).
    /// </summary>
    protected Task<JsonElement> AskAsync(TeamsUser user, string townHallId, string text, bool anonymous = true, bool follow = false, bool force = false, string? askId = null) =>
        Bot.InvokeCardAsync(user.Execute("townhall.ask", new { townHallId, text, anonymous = anonymous ? "true" : "false", follow = follow ? "true" : "false", force, askId = askId ?? DialogueBot.TownHall.AskerTokens.NewAskId() }));

    /// <summary>The ask id of the ask form the bot sends (what pressing its Ask button sends back).</summary>
    protected async Task<string> AskIdFromFormAsync(TeamsUser user, string townHallId) =>
        ActionData(await Bot.InvokeCardAsync(user.Execute("townhall.askForm", new { townHallId })), "townhall.ask").GetProperty("askId").GetString()!;

    /// <summary>
    /// Types "ask …" in the 1:1 chat, waits for the pre-filled form it brings, and presses its Ask button with
    /// the form's own values (the text as pre-filled, the anonymous toggle as it stands): the receipt card.
    /// </summary>
    protected async Task<JsonElement> AskByTypingAsync(TeamsUser user, string townHallId, string text)
    {
        var before = Connector.ActivitiesIn(user.ConversationId).Count;
        await Bot.SendAsync(user.Message("ask " + text));
        var form = (await Connector.WaitForAsync(a => a.ConversationId == user.ConversationId && a.CardText.Contains("Ask a question", StringComparison.Ordinal) && Connector.ActivitiesIn(user.ConversationId).Count > before)).Card;
        var ask = ActionData(form, "townhall.ask");
        return await Bot.InvokeCardAsync(user.Execute("townhall.ask", new
        {
            townHallId,
            text = InputValue(form, "text"),
            anonymous = InputValue(form, "anonymous") ?? (ask.TryGetProperty("anonymous", out var named) ? named.ToString().ToLowerInvariant() : null),
            follow = InputValue(form, "follow"),
            askId = ask.GetProperty("askId").GetString(),
        }));
    }

    /// <summary>The value an input with <paramref name="id"/> has on a card as sent, or null.</summary>
    protected static string? InputValue(JsonElement card, string id) =>
        Walk(card).Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var i) && i.GetString() == id && e.TryGetProperty("value", out _))
            .Select(e => e.GetProperty("value").GetString()).FirstOrDefault();

    /// <summary>The asker token a receipt card carries in its Withdraw button (only the asker's own card has it).</summary>
    protected static string TokenOf(JsonElement card) => ActionData(card, "townhall.withdraw").GetProperty("token").GetString()!;

    /// <summary>The data of the first Action.Execute with <paramref name="verb"/> anywhere in a card.</summary>
    protected static JsonElement ActionData(JsonElement card, string verb)
    {
        foreach (var element in Walk(card))
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("verb", out var v) && v.GetString() == verb && element.TryGetProperty("data", out var data))
            {
                return data;
            }
        }

        throw new InvalidOperationException($"No {verb} action in the card: {card}");
    }

    protected static IEnumerable<JsonElement> Walk(JsonElement element)
    {
        yield return element;
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Array => element.EnumerateArray(),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var inner in Walk(child))
            {
                yield return inner;
            }
        }
    }

    protected Task<JsonElement> VoteAsync(TeamsUser user, string townHallId, string questionId, bool on = true) =>
        Bot.InvokeCardAsync(user.Execute("townhall.vote", new { townHallId, questionId, on }));

    protected async Task<List<QuestionEntity>> QuestionsAsync(string townHallId) =>
        await Bot.Service<QuestionRepository>().ListAsync(townHallId, CancellationToken.None);

    protected async Task<QuestionEntity> QuestionAsync(string townHallId, string text) =>
        (await QuestionsAsync(townHallId)).Single(q => q.Text == text);

    protected static string TextOf(JsonElement card) => CardTexts.Of(card);
}
