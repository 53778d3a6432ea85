using System.Text;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Help;
using DialogueBot.Testing;

namespace DialogueBot.Bench.Inbound;

/// <summary>
/// The activities Teams sends most, from the 30 demo people, serialized once: half "help" messages (the
/// bot replies through the Connector), three in ten help-button presses (Action.Execute invokes answered
/// with a card), two in ten conversationUpdates adding the bot (an install: conversation reference read
/// and written in Table Storage).
/// </summary>
public sealed class ActivityMix
{
    private readonly byte[][] _bodies;
    private long _next;

    public ActivityMix(string serviceUrl)
    {
        var bodies = new List<byte[]>();
        foreach (var person in DemoUsers.All)
        {
            var user = DemoUsers.Of(person, serviceUrl);
            Activity[] ten =
            [
                user.Message("help"), user.Message("help"), user.Message("help"), user.Message("help"), user.Message("help"),
                user.Execute(HelpCard.ShowVerb), user.Execute(HelpCard.ShowVerb), user.Execute(HelpCard.ShowVerb),
                user.BotAdded(), user.BotAdded(),
            ];
            bodies.AddRange(ten.Select(a => Encoding.UTF8.GetBytes(BotJson.Serialize(a))));
        }

        // Interleave people and kinds so concurrent requests rarely hit the same row at once.
        var random = new Random(7);
        _bodies = bodies.OrderBy(_ => random.Next()).ToArray();
    }

    public byte[] Next() => _bodies[(int)(Interlocked.Increment(ref _next) % _bodies.Length)];
}
