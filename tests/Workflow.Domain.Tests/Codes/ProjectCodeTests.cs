namespace Workflow.Domain.Tests;

public sealed class ProjectCodeTests
{
    // Check characters computed independently (ISO 7064 MOD 11-2 with the weights 2^k mod 11).
    [Theory]
    [InlineData("2603-330502-20-01-000018")]
    [InlineData("2609-330523-20-05-001233")]
    [InlineData("2512-330521-20-08-999997")]
    [InlineData("2601-330522-20-02-000426")]
    [InlineData("2603-330502-20-01-00019X")]
    public void TryParse_KnownGoodCode_Succeeds(string text)
    {
        Assert.True(ProjectCode.TryParse(text, out var code, out var error));
        Assert.Null(error);
        Assert.Equal(text, code.Value);
        Assert.Equal(text, code.ToString());
    }

    [Fact]
    public void Parse_KnownGoodCode_ExposesParts()
    {
        var code = ProjectCode.Parse("2609-330523-20-05-001233");

        Assert.Equal(new DateOnly(2026, 9, 1), code.Month);
        Assert.Equal("330523", code.RegionCode);
        Assert.Equal("20", code.DepartmentCode);
        Assert.Equal("05", code.TypeCode);
        Assert.Equal(123, code.Serial);
        Assert.Equal('3', code.CheckChar);
    }

    // The platform's check catches every single substitution in the codes it issues; a code as issued is validated for
    // structure only (GB/T 40058-2021's check algorithm is not known to us), so the corrupted code parses, or fails on
    // its structure (a month of 13), but never carries the platform's check.
    [Fact]
    public void HasPlatformCheck_EverySingleSubstitution_IsLost()
    {
        const string valid = "2609-330523-20-05-001233";
        Assert.True(ProjectCode.Parse(valid).HasPlatformCheck);
        for (var i = 0; i < valid.Length; i++)
        {
            if (valid[i] == '-')
            {
                continue;
            }

            var alternatives = i == valid.Length - 1 ? "0123456789X" : "0123456789";
            foreach (var c in alternatives.Where(c => c != valid[i]))
            {
                var corrupted = string.Concat(valid.AsSpan(0, i), c.ToString(), valid.AsSpan(i + 1));
                Assert.False(ProjectCode.TryParse(corrupted, out var code, out _) && code.HasPlatformCheck, corrupted);
            }
        }
    }

    [Fact]
    public void TryParse_EveryAdjacentTransposition_IsRejected()
    {
        const string digits = "2609330523200500123";
        for (var i = 0; i < digits.Length - 1; i++)
        {
            if (digits[i] == digits[i + 1])
            {
                continue;
            }

            var swapped = digits[..i] + digits[i + 1] + digits[i] + digits[(i + 2)..];
            Assert.NotEqual('3', ProjectCode.CheckCharacter(swapped));
        }
    }

    [Fact]
    public void TryParse_IssuedCodeWithAnotherCheckCharacter_AcceptedWithoutPlatformCheck()
    {
        Assert.True(ProjectCode.TryParse("2609-330523-20-05-001234", out var code, out var error), error);
        Assert.False(code.IsMigrated);
        Assert.False(code.HasPlatformCheck);
    }

    [Theory]
    [InlineData("2019-330521-48-03-050235", 2019, 50235)]
    [InlineData("2013-330000-04-01-000001", 2013, 1)]
    [InlineData("2021-330500-48-01-123456", 2021, 123456)]
    public void TryParse_CodeIssuedBeforeNationalFormat_IsMigrated(string text, int year, int serial)
    {
        Assert.True(ProjectCode.TryParse(text, out var code, out var error), error);
        Assert.True(code.IsMigrated);
        Assert.False(code.HasPlatformCheck);
        Assert.Equal(new DateOnly(year, 1, 1), code.Month);
        Assert.Equal(serial, code.Serial);
        Assert.Equal(text.Substring(5, 6), code.RegionCode);
    }

    [Theory]
    [InlineData("2022-330521-48-03-050235", "month '22'")] // after the national format: no longer a migrated year
    [InlineData("2019-330521-48-03-05023X", "month '19'")] // a migrated code has no check character
    public void TryParse_NotMigratedYearOrSpelling_Rejected(string text, string messagePart)
    {
        Assert.False(ProjectCode.TryParse(text, out _, out var error));
        Assert.Contains(messagePart, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("330502", true)] // the project's county
    [InlineData("330521", true)] // another Huzhou county: a line coded once where it was issued
    [InlineData("330500", true)] // Huzhou city
    [InlineData("330000", true)] // Zhejiang province
    [InlineData("330106", true)] // a county of another Zhejiang city
    [InlineData("320500", false)] // Suzhou, Jiangsu
    public void MayCodeProjectIn_RegionOfCode_AcceptsZhejiangRegions(string region, bool accepted) =>
        Assert.Equal(accepted, ProjectCode.Create(new DateOnly(2026, 3, 1), region, "01", 7).MayCodeProjectIn("330502"));

    [Theory]
    [InlineData("2609-330523-20-05-00123", "23 characters")]
    [InlineData("2609-330523-20-05-0012333", "25 characters")]
    [InlineData("26093-30523-20-05-001233", "'-' at position 5")]
    [InlineData("2609-330523-20-05_001233", "'-' at position 18")]
    [InlineData("2609-33O523-20-05-001233", "'O' at position 8")]
    [InlineData("2609-３30523-20-05-001233", "position 6")] // full-width digit
    [InlineData("2613-330523-20-05-001233", "month '13'")]
    [InlineData("2600-330523-20-05-001233", "month '00'")]
    [InlineData("2603-330502-20-01-00019x", "lower-case 'x'")]
    [InlineData("2603-330502-20-01-00019A", "must be a digit 0-9 or 'X'")]
    [InlineData(" 2609-330523-20-05-00123", "position 1")]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    public void TryParse_Malformed_RejectedWithMessage(string? text, string messagePart)
    {
        Assert.False(ProjectCode.TryParse(text, out var code, out var error));
        Assert.Null(code);
        Assert.Contains(messagePart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithMessage()
    {
        var ex = Assert.Throws<FormatException>(() => ProjectCode.Parse("2613-330523-20-05-001233"));
        Assert.Contains("month", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ThenParse_RoundTrips()
    {
        var created = ProjectCode.Create(new DateOnly(2026, 9, 24), "330523", "20", "05", 123);

        Assert.Equal("2609-330523-20-05-001233", created.Value);
        Assert.Equal(created, ProjectCode.Parse(created.Value));
    }

    [Fact]
    public void Create_EveryCountyTypeAndSomeSerials_ParseRoundTrips()
    {
        foreach (var county in Counties.Huzhou)
        {
            foreach (var type in ProjectTypes.All)
            {
                foreach (var serial in new[] { 0, 1, 42, 9999, 99999 })
                {
                    var code = ProjectCode.Create(new DateOnly(2026, 12, 1), county.Code, type.Code, serial);
                    var parsed = ProjectCode.Parse(code.Value);
                    Assert.Equal(code, parsed);
                    Assert.Equal(county.Code, parsed.RegionCode);
                    Assert.Equal(serial, parsed.Serial);
                    Assert.Equal(ProjectCode.NaturalResourcesDepartment, parsed.DepartmentCode);
                }
            }
        }
    }

    [Fact]
    public void Create_Serial19_CheckValueTenGivesX()
    {
        var code = ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "20", "01", 19);

        Assert.Equal("2603-330502-20-01-00019X", code.Value);
        Assert.Equal('X', ProjectCode.CheckCharacter("2603330502200100019"));
    }

    [Fact]
    public void Create_SerialsWithCheckX_AllParse()
    {
        var withX = Enumerable.Range(1, 200)
            .Select(serial => ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", serial))
            .Where(code => code.CheckChar == 'X')
            .ToList();

        Assert.NotEmpty(withX);
        Assert.All(withX, code => Assert.Equal(code, ProjectCode.Parse(code.Value)));
    }

    [Theory]
    [InlineData("33050", "20", "01", 1)]
    [InlineData("330502", "2", "01", 1)]
    [InlineData("330502", "20", "1A", 1)]
    [InlineData("330502", "20", "01", 100000)]
    [InlineData("330502", "20", "01", -1)]
    public void Create_InvalidPart_Throws(string region, string department, string type, int serial) =>
        Assert.ThrowsAny<ArgumentException>(() => ProjectCode.Create(new DateOnly(2026, 3, 1), region, department, type, serial));

    [Fact]
    public void Create_YearOutside20xx_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProjectCode.Create(new DateOnly(2100, 1, 1), "330502", "20", "01", 1));

    [Fact]
    public void CheckCharacter_NotNineteenDigits_Throws()
    {
        Assert.Throws<ArgumentException>(() => ProjectCode.CheckCharacter("260333050220010001"));
        Assert.Throws<ArgumentException>(() => ProjectCode.CheckCharacter("260333050220010001A"));
    }

    [Fact]
    public void Equality_SameValue_EqualAndSameHash()
    {
        var a = ProjectCode.Parse("2603-330502-20-01-000018");
        var b = ProjectCode.Parse("2603-330502-20-01-000018");

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ProjectCode.Parse("2609-330523-20-05-001233"));
    }
}
