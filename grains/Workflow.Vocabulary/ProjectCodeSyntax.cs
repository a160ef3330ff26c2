namespace Workflow.Vocabulary;

/// <summary>
/// The spelling of a project code <c>YYMM-RRRRRR-DD-TT-NNNNNC</c>, check character included. Here rather than in
/// the domain so that a gateway can answer a malformed code in a URL with 400 without the domain and without
/// activating a grain for it; the domain's <c>ProjectCode</c> parses with this same check.
/// </summary>
public static class ProjectCodeSyntax
{
    public const int Length = 24;

    public const string Pattern = "YYMM-RRRRRR-DD-TT-NNNNNC";

    private static readonly int[] HyphenPositions = [4, 11, 14, 17];

    /// <summary>Why <paramref name="text"/> is not a project code, or null when it is one.</summary>
    public static string? Validate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return $"Project code is empty; expected {Pattern}.";
        }

        if (text.Length != Length)
        {
            return $"Project code '{text}' has {text.Length} characters; expected {Length} ({Pattern}).";
        }

        for (var i = 0; i < Length - 1; i++)
        {
            var hyphenExpected = HyphenPositions.Contains(i);
            if (hyphenExpected && text[i] != '-')
            {
                return $"Project code '{text}' must have '-' at position {i + 1}; expected {Pattern}.";
            }

            if (!hyphenExpected && !char.IsAsciiDigit(text[i]))
            {
                return $"Project code '{text}' has '{text[i]}' at position {i + 1} where a digit 0-9 is expected ({Pattern}).";
            }
        }

        var given = text[Length - 1];
        if (given == 'x')
        {
            return $"Project code '{text}' ends in a lower-case 'x'; the check character must be an upper-case 'X'.";
        }

        if (!char.IsAsciiDigit(given) && given != 'X')
        {
            return $"Project code '{text}' ends in '{given}'; the check character must be a digit 0-9 or 'X'.";
        }

        var month = (text[2] - '0') * 10 + (text[3] - '0');
        if (month is < 1 or > 12)
        {
            return $"Project code '{text}' has month '{text.Substring(2, 2)}'; the month (MM of YYMM) must be 01-12.";
        }

        var expected = Iso7064.Mod11Radix2(text[..(Length - 1)].Replace("-", string.Empty, StringComparison.Ordinal));
        if (given != expected)
        {
            return $"Project code '{text}' has check character '{given}' but the digits give '{expected}'; a digit is wrong.";
        }

        return null;
    }
}
