using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Schema;

namespace DialogueBot.Testing;

/// <summary>
/// Every kind of card the bot sends, saved to artifacts/cards after it validated against the schema, so
/// that the renderer test (tests/e2e/cards.test.mjs) draws each one with the official Adaptive Cards
/// renderer in Chromium. Features add theirs from their own catalog tests. Every card saved here also passes
/// <see cref="CardRules"/> (spoken, images described, no API path).
/// </summary>
public static class CardCatalog
{
    public static string Save(string name, AdaptiveCard card)
    {
        var json = BotJson.Serialize(card);
        CardSchema.AssertValid(json, name);
        CardRules.AssertReadyForPeople(json, name);
        var path = RepositoryPaths.Artifacts("cards", name + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
