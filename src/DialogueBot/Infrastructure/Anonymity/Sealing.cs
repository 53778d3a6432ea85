using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DialogueBot.Infrastructure.Anonymity;

/// <summary>
/// Authenticated encryption (AES-256-GCM) of short texts for storage. The context (what the text is, and
/// for which row) is bound as associated data, so a sealed value moved to another row or purpose does not
/// open. The plaintext is padded to a multiple of <c>padTo</c> bytes, so the stored length does not give
/// away how long an answer or comment was.
/// </summary>
public static class Sealing
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int LengthPrefix = 4;

    public static string Seal(ReadOnlySpan<byte> key, string plaintext, string context, int padTo = 256)
    {
        var text = Encoding.UTF8.GetBytes(plaintext);
        var size = LengthPrefix + text.Length;
        var padded = new byte[(size + padTo - 1) / padTo * padTo];
        BinaryPrimitives.WriteInt32BigEndian(padded, text.Length);
        text.CopyTo(padded, LengthPrefix);

        var output = new byte[NonceSize + padded.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, padded, output.AsSpan(NonceSize, padded.Length), output.AsSpan(NonceSize + padded.Length), Encoding.UTF8.GetBytes(context));
        return Base64Url.Encode(output);
    }

    /// <summary>The plaintext, or null when the value was not sealed with this key and context (or was tampered with).</summary>
    public static string? Open(ReadOnlySpan<byte> key, string? sealedText, string context)
    {
        if (string.IsNullOrEmpty(sealedText) || !Base64Url.TryDecode(sealedText, out var data) || data.Length < NonceSize + LengthPrefix + TagSize)
        {
            return null;
        }

        var length = data.Length - NonceSize - TagSize;
        var padded = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, length), data.AsSpan(NonceSize + length), padded, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        var textLength = BinaryPrimitives.ReadInt32BigEndian(padded);
        return textLength < 0 || textLength > length - LengthPrefix ? null : Encoding.UTF8.GetString(padded, LengthPrefix, textLength);
    }
}

/// <summary>Base64url without padding: safe in table keys, URLs and JSON.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string text, out byte[] bytes)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        try
        {
            bytes = Convert.FromBase64String(s);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
