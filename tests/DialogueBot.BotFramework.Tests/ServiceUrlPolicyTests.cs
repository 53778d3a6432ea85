using DialogueBot.BotFramework.Authentication;
using DialogueBot.BotFramework.Connector;

namespace DialogueBot.BotFramework.Tests;

public class ServiceUrlPolicyTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", true)]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/", true)]
    [InlineData("http://smba.trafficmanager.net/emea/", false)]
    [InlineData("https://smba.trafficmanager.net.evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("http://127.0.0.1:56150/_connector", false)]
    [InlineData("http://localhost:56150/_connector", false)]
    public void Production_allows_only_Teams_hosts_over_https(string url, bool allowed) =>
        Assert.Equal(allowed, new ServiceUrlPolicy(new BotAuthenticationOptions()).IsAllowed(new Uri(url)));

    [Theory]
    [InlineData("http://127.0.0.1:56150/_connector", true)]
    [InlineData("http://localhost:56150/_connector", true)]
    [InlineData("http://[::1]:56150/", true)]
    [InlineData("https://evil.example/", false)]
    public void Dev_mode_adds_loopback_and_nothing_else(string url, bool allowed) =>
        Assert.Equal(allowed, new ServiceUrlPolicy(new BotAuthenticationOptions { DevMode = true }).IsAllowed(new Uri(url)));

    [Fact]
    public void Configured_hosts_replace_the_defaults_and_support_wildcards()
    {
        var policy = new ServiceUrlPolicy(new BotAuthenticationOptions { AllowedServiceUrlHosts = ["*.botframework.us"] });

        Assert.True(policy.IsAllowed(new Uri("https://smba.botframework.us/")));
        Assert.False(policy.IsAllowed(new Uri("https://smba.trafficmanager.net/")));
        Assert.False(policy.IsAllowed(new Uri("https://botframework.us.evil.example/")));
    }
}
