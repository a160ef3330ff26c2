namespace Workflow.Vocabulary;

/// <summary>ISO 7064 check characters.</summary>
public static class Iso7064
{
    /// <summary>
    /// The ISO 7064 MOD 11-2 check character of a string of ASCII digits: '0'–'9', or 'X' for the value 10.
    /// It is the check of the resident ID number (GB 11643); it detects every single-digit substitution and
    /// every transposition of adjacent digits.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty or holds a character other than '0'–'9'.</exception>
    public static char Mod11Radix2(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty)
        {
            throw new ArgumentException("At least one digit is needed.", nameof(digits));
        }

        // Horner's scheme: the weight of each digit is 2^k mod 11, counted from the check position.
        var remainder = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException($"'{c}' is not a digit 0-9.", nameof(digits));
            }

            remainder = (remainder + (c - '0')) * 2 % 11;
        }

        var check = (12 - remainder) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }
}
