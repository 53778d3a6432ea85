using System.Text.Json;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Help;
using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueBot.Tests.Manifest;

/// <summary>
/// The manifest's command lists and the bot agree: every command Teams suggests is answered (not by the
/// "didn't catch that" fallback), and every command a feature declares (<see cref="IBotCommandSource"/>)
/// is in the manifest. A feature that adds a command must list it in manifest/manifest.json.
/// </summary>
public sealed class ManifestCommandTests(SharedBot host) : BotTest(host), IClassFixture<SharedBot>
{
    private const string FallbackText = "didn't catch that";

    private static IReadOnlyList<(string Title, string[] Scopes)> ManifestCommands()
    {
        var bot = AppPackage.Template().GetProperty("bots")[0];
        return bot.GetProperty("commandLists").EnumerateArray()
            .SelectMany(list => list.GetProperty("commands").EnumerateArray().Select(c => (
                c.GetProperty("title").GetString()!,
                list.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray())))
            .ToList();
    }

    [Fact]
    public void The_manifest_lists_exactly_the_commands_the_bot_declares()
    {
        var declared = Bot.Services.GetServices<IBotCommandSource>()
            .SelectMany(source => source.Commands.Select(c => (c.Title, Source: source.GetType().Name)))
            .ToList();
        var listed = ManifestCommands().Select(c => c.Title).ToHashSet(StringComparer.Ordinal);
        var declaredTitles = declared.Select(d => d.Title).ToHashSet(StringComparer.Ordinal);

        var problems = declared.Where(d => !listed.Contains(d.Title))
            .Select(d => $"The bot answers \"{d.Title}\" (declared by {d.Source}) but manifest/manifest.json does not list it: add {{ \"title\": \"{d.Title}\", \"description\": \"...\" }} to bots[0].commandLists[*].commands.")
            .Concat(listed.Where(t => !declaredTitles.Contains(t))
                .Select(t => $"manifest/manifest.json lists the command \"{t}\" but no IBotCommandSource declares it: declare it in the feature that answers it, or remove it from the manifest."))
            .ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.NotEmpty(declared);
    }

    [Fact]
    public void Every_command_list_stays_within_Teams_limits()
    {
        foreach (var list in AppPackage.Template().GetProperty("bots")[0].GetProperty("commandLists").EnumerateArray())
        {
            // Teams shows at most 10 commands per list; the schema refuses more.
            Assert.InRange(list.GetProperty("commands").GetArrayLength(), 1, 10);
        }
    }

    [Fact]
    public async Task Every_manifest_command_is_answered_in_a_personal_chat()
    {
        var personal = ManifestCommands().Where(c => c.Scopes.Contains("personal")).ToList();
        Assert.NotEmpty(personal);

        var alex = DemoUsers.Alex(Connector.ServiceUrl);
        foreach (var (title, _) in personal)
        {
            var before = Connector.ActivitiesIn(alex.ConversationId).Count;
            await Bot.SendAsync(alex.Message(title));

            await Connector.WaitUntilAsync(c => c.ActivitiesIn(alex.ConversationId).Count > before);
            AssertAnswered(title, "personal", Connector.ActivitiesIn(alex.ConversationId)[before]);
        }
    }

    [Fact]
    public async Task Every_team_command_is_answered_when_the_bot_is_mentioned_in_a_channel()
    {
        var team = ManifestCommands().Where(c => c.Scopes.Contains("team")).ToList();

        foreach (var (title, _) in team)
        {
            var message = DemoUsers.Alex(Connector.ServiceUrl).Message($"<at>DialogueBot</at> {title}");
            var channel = "19:general" + Guid.NewGuid().ToString("N")[..8] + "@thread.tacv2";
            message.Conversation = new ConversationAccount { Id = channel, ConversationType = "channel", IsGroup = true, TenantId = TeamsUser.TenantId };
            message.Entities =
            [
                new Entity
                {
                    Type = "mention",
                    Properties = new Dictionary<string, JsonElement>
                    {
                        ["text"] = JsonSerializer.SerializeToElement("<at>DialogueBot</at>"),
                        ["mentioned"] = JsonSerializer.SerializeToElement(new { id = TeamsUser.BotId, name = "DialogueBot" }),
                    },
                },
            ];

            await Bot.SendAsync(message);

            var reply = await Connector.WaitForAsync(a => a.ConversationId.StartsWith(channel, StringComparison.Ordinal));
            AssertAnswered(title, "team", reply);
        }
    }

    private static void AssertAnswered(string command, string scope, ReceivedActivity reply)
    {
        var text = (reply.Text ?? "") + " " + reply.CardText;
        Assert.False(
            text.Contains(FallbackText, StringComparison.Ordinal),
            $"The manifest offers \"{command}\" in the {scope} scope, but the bot answered it with the fallback (\"{reply.Text}\"): register an OnCommand(\"{command}\") route.");
        Assert.False(string.IsNullOrWhiteSpace(text), $"The bot's answer to \"{command}\" ({scope}) is empty.");
    }
}
