namespace Workflow.Domain.Tests;

public sealed class UnifiedSocialCreditCodeTests
{
    [Fact]
    public void TryParse_PublishedExample_Succeeds()
    {
        Assert.True(UnifiedSocialCreditCode.TryParse("91350100M000100Y43", out var code, out var error));
        Assert.Null(error);
        Assert.Equal("91350100M000100Y43", code.Value);
    }

    // Check characters computed independently from the GB 32100-2015 weights.
    [Theory]
    [InlineData("91350100M000100Y4", '3')]
    [InlineData("91330500MA2B3C4D5", 'B')]
    [InlineData("91330502MA28C1234", 'X')]
    [InlineData("12330500002587961", '9')]
    public void CheckCharacter_KnownFirst17_GivesExpected(string first17, char expected) =>
        Assert.Equal(expected, UnifiedSocialCreditCode.CheckCharacter(first17));

    [Fact]
    public void Create_ThenTryParse_RoundTrips()
    {
        var code = UnifiedSocialCreditCode.Create("91330500MA2B3C4D5");

        Assert.Equal("91330500MA2B3C4D5B", code.Value);
        Assert.True(UnifiedSocialCreditCode.TryParse(code.Value, out var parsed, out _));
        Assert.Equal(code, parsed);
    }

    [Fact]
    public void TryParse_StyleExampleWithGuessedCheck_Rejected()
    {
        Assert.False(UnifiedSocialCreditCode.TryParse("91330500MA2B3C4D5E", out _, out var error));
        Assert.Contains("'B'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_EverySingleSubstitution_IsRejected()
    {
        const string valid = "91350100M000100Y43";
        for (var i = 0; i < valid.Length; i++)
        {
            foreach (var c in UnifiedSocialCreditCode.Charset.Where(c => c != valid[i]))
            {
                var corrupted = string.Concat(valid.AsSpan(0, i), c.ToString(), valid.AsSpan(i + 1));
                Assert.False(UnifiedSocialCreditCode.TryParse(corrupted, out _, out _), corrupted);
            }
        }
    }

    [Theory]
    [InlineData("91350100M000100Y4", "17 characters")]
    [InlineData("91350100m000100Y43", "lower-case 'm'")]
    [InlineData("91350100O000100Y43", "'O' at position 9")]
    [InlineData("91350100I000100Y43", "'I' at position 9")]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    public void TryParse_Malformed_RejectedWithMessage(string? text, string messagePart)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(text, out var code, out var error));
        Assert.Null(code);
        Assert.Contains(messagePart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => UnifiedSocialCreditCode.Parse("91350100M000100Y44"));

    [Theory]
    [InlineData("91350100M000100Y")]
    [InlineData("91350100M000100S4")]
    public void CheckCharacter_InvalidInput_Throws(string first17) =>
        Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.CheckCharacter(first17));
}
