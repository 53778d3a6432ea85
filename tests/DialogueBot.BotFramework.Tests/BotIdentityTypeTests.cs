using DialogueBot.BotFramework.Authentication;

namespace DialogueBot.BotFramework.Tests;

/// <summary>The three bot identity types of the Azure Bot resource (infra/ lets operators pick any).</summary>
public sealed class BotIdentityTypeTests
{
    private const string AppId = "6a4c7d1e-1c2b-4b7e-9f0a-5d4e3c2b1a09";

    [Fact]
    public void A_managed_identity_bot_needs_no_secret()
    {
        var provider = new MsalBotAccessTokenProvider(new BotAuthenticationOptions { AppId = AppId, AppType = BotAppType.UserAssignedMSI, TenantId = "t" });

        Assert.True(provider.UsesManagedIdentity);
    }

    [Theory]
    [InlineData(BotAppType.SingleTenant)]
    [InlineData(BotAppType.MultiTenant)]
    public void An_app_registration_bot_needs_its_secret(BotAppType type)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MsalBotAccessTokenProvider(new BotAuthenticationOptions { AppId = AppId, AppType = type, TenantId = "t" }));

        Assert.Contains("Bot:AppPassword", error.Message, StringComparison.Ordinal);
        Assert.False(new MsalBotAccessTokenProvider(new BotAuthenticationOptions { AppId = AppId, AppType = type, TenantId = "t", AppPassword = "s" }).UsesManagedIdentity);
    }

    [Fact]
    public void The_setting_value_the_infrastructure_writes_binds()
    {
        Assert.True(Enum.TryParse<BotAppType>("UserAssignedMSI", ignoreCase: true, out var type));
        Assert.Equal(BotAppType.UserAssignedMSI, type);
    }
}
