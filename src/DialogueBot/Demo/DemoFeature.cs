namespace DialogueBot.Demo;

/// <summary>The local demo: a seeded org and each feature's demo data (IDemoSeed), only when Demo:Enabled.</summary>
public static class DemoFeature
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName));
        services.AddHostedService<DemoSeeder>();
        return services;
    }
}
