using System.Diagnostics.CodeAnalysis;

namespace Workflow.Domain;

/// <summary>
/// A unified social credit code (统一社会信用代码, GB 32100-2015) of a company or other organisation:
/// 18 characters from <see cref="Charset"/>, the last a weighted MOD 31 check over the first 17.
/// </summary>
/// <remarks>
/// Only the characters and the check are validated, not the meaning of the parts (registration authority,
/// category, region, organisation code). Parsing is strict: upper case only, no spaces, so every code has
/// exactly one spelling.
/// </remarks>
public sealed record UnifiedSocialCreditCode
{
    public const int Length = 18;

    /// <summary>The 31 characters of the code, in order of value 0–30 (I, O, Z, S and V are not used).</summary>
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // 3^(i-1) mod 31 for positions 1..17, as tabulated in GB 32100-2015.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private UnifiedSocialCreditCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>The check character of the first 17 characters.</summary>
    /// <exception cref="ArgumentException">Not 17 characters of <see cref="Charset"/>.</exception>
    public static char CheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"Exactly {Length - 1} characters are needed; got {first17.Length}.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Charset.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' at position {i + 1} is not a code character ({Charset}).", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Charset[(31 - (sum % 31)) % 31];
    }

    /// <summary>The code of the first 17 characters followed by their check character.</summary>
    /// <exception cref="ArgumentException">Not 17 characters of <see cref="Charset"/>.</exception>
    public static UnifiedSocialCreditCode Create(string first17) => new(first17 + CheckCharacter(first17));

    public static bool TryParse(
        string? text,
        [MaybeNullWhen(false)] out UnifiedSocialCreditCode code,
        [NotNullWhen(false)] out string? error)
    {
        code = null;
        error = Validate(text);
        if (error is not null)
        {
            return false;
        }

        code = new UnifiedSocialCreditCode(text!);
        return true;
    }

    /// <exception cref="FormatException">The text is not a valid code; the message says why.</exception>
    public static UnifiedSocialCreditCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    public override string ToString() => Value;

    private static string? Validate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "Unified social credit code is empty.";
        }

        if (text.Length != Length)
        {
            return $"Unified social credit code '{text}' has {text.Length} characters; expected {Length}.";
        }

        for (var i = 0; i < Length; i++)
        {
            var c = text[i];
            if (Charset.Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            return char.IsAsciiLetterLower(c) && Charset.Contains(char.ToUpperInvariant(c), StringComparison.Ordinal)
                ? $"Unified social credit code '{text}' has a lower-case '{c}' at position {i + 1}; letters must be upper case."
                : $"Unified social credit code '{text}' has '{c}' at position {i + 1}, which is not a code character (digits and letters except I, O, Z, S, V).";
        }

        var expected = CheckCharacter(text[..(Length - 1)]);
        if (text[Length - 1] != expected)
        {
            return $"Unified social credit code '{text}' has check character '{text[Length - 1]}' but the first 17 characters give '{expected}'; a character is wrong.";
        }

        return null;
    }
}
