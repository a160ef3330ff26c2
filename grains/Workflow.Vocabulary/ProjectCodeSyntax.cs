namespace Workflow.Vocabulary;

/// <summary>
/// The spelling of a project code: the national format <c>YYMM-RRRRRR-DD-TT-NNNNNC</c> (GB/T 40058-2021), or a code
/// issued before it, <c>YYYY-RRRRRR-HH-TT-NNNNNN</c>, kept on migrated projects. Here rather than in the domain so
/// that a gateway can answer a malformed code in a URL with 400 without the domain and without activating a grain
/// for it; the domain's <c>ProjectCode</c> parses with this same check.
/// </summary>
/// <remarks>
/// Structure only. The last character of a national code is the standard's check code (GB/T 40058-2021 §4.7), but the
/// standard's algorithm is not in any text we have, so a code as issued is not refused for its check character: the
/// ISO 7064 MOD 11-2 check the platform's own allocator computes (<see cref="HasPlatformCheck"/>) is our choice, not
/// the standard's, and a code issued by the national platform need not satisfy it.
/// </remarks>
public static class ProjectCodeSyntax
{
    public const int Length = 24;

    public const string Pattern = "YYMM-RRRRRR-DD-TT-NNNNNC";

    /// <summary>The spelling of codes issued before the national format: a four-digit year and a six-digit serial.</summary>
    public const string MigratedPattern = "YYYY-RRRRRR-HH-TT-NNNNNN";

    // A migrated code's year is 2013-2021: its last two digits (13-21) are never a month, so no text is both a
    // national code (MM 01-12) and a migrated one. The national standard took effect on 2021-08-01.
    private const int FirstMigratedYear = 2013;
    private const int LastMigratedYear = 2021;

    private static readonly int[] HyphenPositions = [4, 11, 14, 17];

    /// <summary>Why <paramref name="text"/> is not a project code (national or migrated), or null when it is one.</summary>
    public static string? Validate(string? text)
    {
        if (IsMigrated(text))
        {
            return null;
        }

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

        return null;
    }

    /// <summary>Whether <paramref name="text"/> is spelt as a code issued before the national format (<see cref="MigratedPattern"/>).</summary>
    public static bool IsMigrated(string? text)
    {
        if (text is not { Length: Length })
        {
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            if (HyphenPositions.Contains(i) ? text[i] != '-' : !char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        var year = ((text[0] - '0') * 1000) + ((text[1] - '0') * 100) + ((text[2] - '0') * 10) + (text[3] - '0');
        return year is >= FirstMigratedYear and <= LastMigratedYear;
    }

    /// <summary>Whether a national code's last character is the ISO 7064 MOD 11-2 check of its 19 digits, as on the codes
    /// the platform's allocator issues; false for a migrated code or one issued elsewhere with another check.</summary>
    public static bool HasPlatformCheck(string text) =>
        Validate(text) is null && !IsMigrated(text)
        && text[Length - 1] == Iso7064.Mod11Radix2(text[..(Length - 1)].Replace("-", string.Empty, StringComparison.Ordinal));
}
