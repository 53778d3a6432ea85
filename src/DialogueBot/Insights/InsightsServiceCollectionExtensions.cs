using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DialogueBot.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// Cross-feature insights default to "nothing to say" until a feature registers the real one. TryAdd,
    /// so the order against the features' own registrations does not matter.
    /// </summary>
    public static IServiceCollection AddInsightDefaults(this IServiceCollection services)
    {
        services.TryAddSingleton<IPulseInsights, NoPulseInsights>();
        services.TryAddSingleton<IQuestionInsights, NoQuestionInsights>();
        services.TryAddSingleton<IRecognitionInsights, NoRecognitionInsights>();
        services.TryAddSingleton<IConcernInsights, NoConcernInsights>();
        return services;
    }
}
