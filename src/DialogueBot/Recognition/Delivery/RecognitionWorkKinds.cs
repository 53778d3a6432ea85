namespace DialogueBot.Recognition.Delivery;

/// <summary>The recognition feature's background work, one constant per kind ("feature.verb").</summary>
public static class RecognitionWorkKinds
{
    /// <summary>Tells the nominee, or their manager, about a new nomination (one item per recipient).</summary>
    public const string Notify = "recognition.notify";

    /// <summary>A month's digest: queues one card per person in the digest audience.</summary>
    public const string Digest = "recognition.digest";

    /// <summary>One person's digest card.</summary>
    public const string DigestSend = "recognition.senddigest";
}
