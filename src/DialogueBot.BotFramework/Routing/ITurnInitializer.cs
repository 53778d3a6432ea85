namespace DialogueBot.BotFramework.Routing;

/// <summary>
/// Prepares per-turn state before the route runs (for example, how to find the turn's caller), so that
/// what a handler needs comes from services injected into the initializer, not looked up in
/// <see cref="TurnContext.Services"/>. Runs once per turn that passed every gate, before routing; it must
/// be cheap and must not fail (defer anything that can, such as a storage read, until a handler asks).
/// Register implementations with <c>AddTurnInitializer&lt;T&gt;()</c>.
/// </summary>
public interface ITurnInitializer
{
    void Initialize(TurnContext context);
}
