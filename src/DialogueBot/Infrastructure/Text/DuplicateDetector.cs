using System.Globalization;
using System.Text;

namespace DialogueBot.Infrastructure.Text;

/// <summary>
/// "Has this been raised already?" (town-hall questions, consultation concerns): the share of meaningful words two questions have in common (Jaccard
/// over normalised tokens, common filler words ignored). Cheap, explainable, and good enough to offer
/// "upvote that one instead" — the asker decides.
/// </summary>
public static class DuplicateDetector
{
    public const double Threshold = 0.5;

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at", "by", "from", "is", "are", "was",
        "were", "be", "been", "do", "does", "did", "we", "our", "you", "your", "i", "it", "its", "this", "that", "these",
        "those", "what", "why", "how", "when", "will", "would", "can", "could", "should", "there", "about", "any", "as",
        "us", "they", "their", "have", "has", "had", "not", "so", "if", "going", "plan", "plans",
    };

    public static double Similarity(string a, string b)
    {
        var left = Tokens(a);
        var right = Tokens(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }

        var common = left.Count(right.Contains);
        return (double)common / (left.Count + right.Count - common);
    }

    /// <summary>The most similar candidate at or above the threshold, or null.</summary>
    public static T? FindDuplicate<T>(string text, IEnumerable<T> candidates, Func<T, string> textOf)
        where T : class =>
        candidates.Select(c => (Candidate: c, Score: Similarity(text, textOf(c))))
            .Where(x => x.Score >= Threshold)
            .OrderByDescending(x => x.Score)
            .Select(x => x.Candidate)
            .FirstOrDefault();

    public static HashSet<string> Tokens(string text)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture) + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (c == '\'')
            {
                continue; // "don't" and "dont" are the same word
            }

            if (word.Length > 0)
            {
                var token = Stem(word.ToString());
                if (!Filler.Contains(token))
                {
                    tokens.Add(token);
                }

                word.Clear();
            }
        }

        return tokens;
    }

    // A crude plural fold so "budgets" matches "budget".
    private static string Stem(string word) => word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;
}
