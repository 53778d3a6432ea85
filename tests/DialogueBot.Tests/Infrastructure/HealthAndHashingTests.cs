using System.Net;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Testing;
using Microsoft.Extensions.Options;

namespace DialogueBot.Tests.Infrastructure;

public class HealthAndHashingTests
{
    [Fact]
    public async Task Healthz_is_200_when_storage_answers_and_503_when_it_is_down()
    {
        var azurite = await Azurite.StartAsync();
        await using var bot = await BotAppFactory.StartAsync(new BotAppOptions { StorageConnectionString = azurite.ConnectionString, SeedDemoOrg = false });
        using var client = bot.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        await azurite.StopAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        await azurite.DisposeAsync();
    }

    private static IdentityHasher Hasher(string key = BotAppFactory.TestHmacKey) =>
        new(Options.Create(new AnonymityOptions { HmacKey = key }));

    [Fact]
    public void A_pseudonym_is_stable_per_purpose_and_scope_and_unlinkable_across_them()
    {
        var hasher = Hasher();
        const string user = "00000000-0000-0000-0000-0000000000020";

        var a = hasher.Hash(HashPurpose.PulseParticipation, "pulse-1", user);

        Assert.Equal(a, hasher.Hash(HashPurpose.PulseParticipation, "pulse-1", user.ToUpperInvariant()));
        Assert.NotEqual(a, hasher.Hash(HashPurpose.PulseParticipation, "pulse-2", user));
        Assert.NotEqual(a, hasher.Hash(HashPurpose.QuestionVote, "pulse-1", user));
        Assert.DoesNotContain(user, a, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(43, a.Length);
        Assert.DoesNotContain('/', a);
    }

    [Fact]
    public void Another_key_gives_other_pseudonyms()
    {
        var other = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

        Assert.NotEqual(
            Hasher().Hash(HashPurpose.PulseParticipation, "p", "u"),
            Hasher(other).Hash(HashPurpose.PulseParticipation, "p", "u"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !!")]
    [InlineData("c2hvcnQ=")]
    public void A_missing_malformed_or_short_key_stops_the_bot(string key) =>
        Assert.Throws<InvalidOperationException>(() => Hasher(key));
}
