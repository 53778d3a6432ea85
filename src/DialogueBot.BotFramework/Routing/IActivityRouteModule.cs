namespace DialogueBot.BotFramework.Routing;

/// <summary>A feature's contribution of routes. Register implementations with <c>AddBotRoutes&lt;T&gt;()</c>.</summary>
public interface IActivityRouteModule
{
    void Map(ActivityRouter router);
}
