namespace DialogueBot.BotFramework.Cards;

// Adaptive Card 1.5 enumerations. BotJson writes them camelCase, which is what the schema lists.

public enum FontSize { Default, Small, Medium, Large, ExtraLarge }

public enum FontWeight { Default, Lighter, Bolder }

public enum FontType { Default, Monospace }

public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }

public enum TextBlockStyle { Default, Heading }

public enum Spacing { Default, None, Small, Medium, Large, ExtraLarge, Padding }

public enum HorizontalAlignment { Left, Center, Right }

public enum VerticalAlignment { Top, Center, Bottom }

public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

public enum ImageSize { Auto, Stretch, Small, Medium, Large }

public enum ImageStyle { Default, Person }

public enum ActionStyle { Default, Positive, Destructive }

public enum ActionMode { Primary, Secondary }

public enum AssociatedInputs { Auto, None }

public enum ChoiceInputStyle { Compact, Expanded, Filtered }

public enum TextInputStyle { Text, Tel, Url, Email, Password }
