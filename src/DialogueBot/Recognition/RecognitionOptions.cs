namespace DialogueBot.Recognition;

/// <summary>Recognition settings, bound from "Recognition".</summary>
public sealed class RecognitionOptions
{
    public const string SectionName = "Recognition";

    /// <summary>
    /// The categories a nomination can name. A list in configuration replaces the defaults; ids are stored
    /// with each nomination, so renaming a title is safe and removing an id only hides it from new forms.
    /// </summary>
    public IList<RecognitionCategory> Categories { get; set; } = [];

    /// <summary>How far before a town hall's event a featured win still counts as news for it.</summary>
    public TimeSpan TownHallLookback { get; set; } = TimeSpan.FromDays(60);

    /// <summary>The shortest story accepted ("a few sentences" is the ask; one word is not a story).</summary>
    public int MinStoryLength { get; set; } = 20;

    public int MaxStoryLength { get; set; } = 1000;

    /// <summary>The local hour (organisation time zone) on the 1st of a month when last month's digest goes out.</summary>
    public int DigestHour { get; set; } = 9;

    public static IReadOnlyList<RecognitionCategory> DefaultCategories { get; } =
    [
        new("transition", "Led a tough transition"),
        new("coaching", "Coached someone"),
        new("wellbeing", "Advocated for well-being"),
        new("collaboration", "Cross-team collaboration"),
        new("result", "Delivered a result"),
    ];

    /// <summary>The configured categories, or the defaults when none are configured.</summary>
    public IReadOnlyList<RecognitionCategory> EffectiveCategories =>
        Categories.Count == 0 ? DefaultCategories : Categories.Where(c => !string.IsNullOrWhiteSpace(c.Id) && !string.IsNullOrWhiteSpace(c.Title)).ToList();

    public RecognitionCategory? FindCategory(string? id) =>
        EffectiveCategories.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The title of a stored category id (a category since removed from configuration keeps its id as title).</summary>
    public string TitleOf(string categoryId) => FindCategory(categoryId)?.Title ?? categoryId;
}

/// <summary>One category of win: a short stable id (stored with each nomination) and the words people see.</summary>
public sealed class RecognitionCategory
{
    public RecognitionCategory()
    {
    }

    public RecognitionCategory(string id, string title)
    {
        Id = id;
        Title = title;
    }

    public string Id { get; set; } = "";

    public string Title { get; set; } = "";
}
