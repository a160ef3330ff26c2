using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Workflow.Domain;

/// <summary>
/// A project code <c>YYMM-RRRRRR-DD-TT-NNNNNC</c> (24 characters): year and month, 6-digit region
/// (administrative division) code, 2-digit department, 2-digit project type, 5-digit serial, check character.
/// </summary>
/// <remarks>
/// GB/T 40058-2021 names the parts (time, region, central department, project type, random code, check code) but its
/// check algorithm is not in any text we have: codes as issued are validated for structure only (a code from the
/// national platform is not refused for its check character). The codes this platform's allocator issues carry our
/// own check, ISO 7064 MOD 11-2 over the 19 digits YYMM RRRRRR DD TT NNNNN ('0'–'9' or 'X'; <see cref="HasPlatformCheck"/>).
/// TT is the national project type (基本建设, 技术改造, 单纯购置, 信息化, 其他 in the standard's definition 3.4), not the
/// land-use type; its code values are not confirmed, so it is not interpreted. A code issued before the national
/// format (<see cref="ProjectCodeSyntax.MigratedPattern"/>) parses as <see cref="IsMigrated"/>.
/// Parsing is strict: no surrounding spaces, ASCII digits only, and a check 'X' must be upper case,
/// so every code has exactly one spelling and codes compare as plain strings. Callers that take typed input
/// may trim and upper-case it on purpose before parsing.
/// </remarks>
public sealed record ProjectCode
{
    public const int Length = ProjectCodeSyntax.Length;

    /// <summary>The department code of codes issued by the natural resources bureau (自然资源).</summary>
    public const string NaturalResourcesDepartment = "20";

    /// <summary>GB/T 40058-2021 took effect on 2021-08-01: a migrated code is accepted for applications before it.</summary>
    public static readonly DateOnly NationalFormatFrom = new(2021, 8, 1);

    /// <summary>The province whose region codes a project's code may bear (浙江省, GB/T 2260 33xxxx).</summary>
    public const string ProvinceRegionPrefix = "33";

    private ProjectCode(string value)
    {
        Value = value;
        IsMigrated = ProjectCodeSyntax.IsMigrated(value);
    }

    public string Value { get; }

    /// <summary>Issued before the national format (<see cref="ProjectCodeSyntax.MigratedPattern"/>): a four-digit year,
    /// no check character.</summary>
    public bool IsMigrated { get; }

    /// <summary>Whether the last character is the platform's own check (codes its allocator issued).</summary>
    public bool HasPlatformCheck => ProjectCodeSyntax.HasPlatformCheck(Value);

    /// <summary>The first day of the code's month; YY is read as 20YY. A migrated code gives January of its year.</summary>
    public DateOnly Month => IsMigrated ? new(Digits(0, 4), 1, 1) : new(2000 + Digits(0, 2), Digits(2, 2), 1);

    public string RegionCode => Value.Substring(5, 6);

    public string DepartmentCode => Value.Substring(12, 2);

    public string TypeCode => Value.Substring(15, 2);

    public int Serial => IsMigrated ? Digits(18, 6) : Digits(18, 5);

    /// <summary>
    /// Whether a project in <paramref name="county"/> may bear this code: the code's region is where it was issued, the
    /// county itself, another county, the city (330500) or the province (330000) for a project that crosses counties
    /// (a line is coded once), so any region of Zhejiang is accepted.
    /// </summary>
    public bool MayCodeProjectIn(string county) =>
        RegionCode == county || RegionCode.StartsWith(ProvinceRegionPrefix, StringComparison.Ordinal);

    public char CheckChar => Value[Length - 1];

    /// <summary>The check character of the 19 digits YYMM RRRRRR DD TT NNNNN (hyphens removed).</summary>
    /// <exception cref="ArgumentException">Not exactly 19 ASCII digits.</exception>
    public static char CheckCharacter(string nineteenDigits)
    {
        ArgumentNullException.ThrowIfNull(nineteenDigits);
        if (nineteenDigits.Length != 19)
        {
            throw new ArgumentException($"Exactly 19 digits are needed; got {nineteenDigits.Length} characters.", nameof(nineteenDigits));
        }

        return Iso7064.Mod11Radix2(nineteenDigits);
    }

    public static bool TryParse(
        string? text,
        [MaybeNullWhen(false)] out ProjectCode code,
        [NotNullWhen(false)] out string? error)
    {
        code = null;
        error = ProjectCodeSyntax.Validate(text);
        if (error is not null)
        {
            return false;
        }

        code = new ProjectCode(text!);
        return true;
    }

    /// <exception cref="FormatException">The text is not a valid project code; the message says why.</exception>
    public static ProjectCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    /// <summary>A code for the month of <paramref name="month"/> (its day is ignored), computing the check character.</summary>
    /// <exception cref="ArgumentException">A part has the wrong number of digits, or the year is not 2000–2099.</exception>
    public static ProjectCode Create(DateOnly month, string regionCode, string departmentCode, string typeCode, int serial)
    {
        if (month.Year is < 2000 or > 2099)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "The year must be 2000-2099 (YY is read as 20YY).");
        }

        RequireDigits(regionCode, 6, nameof(regionCode));
        RequireDigits(departmentCode, 2, nameof(departmentCode));
        RequireDigits(typeCode, 2, nameof(typeCode));
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 99999);

        var yymm = string.Create(CultureInfo.InvariantCulture, $"{month.Year % 100:D2}{month.Month:D2}");
        var serialDigits = serial.ToString("D5", CultureInfo.InvariantCulture);
        var check = CheckCharacter(yymm + regionCode + departmentCode + typeCode + serialDigits);
        return new ProjectCode($"{yymm}-{regionCode}-{departmentCode}-{typeCode}-{serialDigits}{check}");
    }

    /// <summary>A code of the natural resources department (<see cref="NaturalResourcesDepartment"/>).</summary>
    public static ProjectCode Create(DateOnly month, string regionCode, string typeCode, int serial) =>
        Create(month, regionCode, NaturalResourcesDepartment, typeCode, serial);

    public override string ToString() => Value;

    private static void RequireDigits(string value, int count, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (value.Length != count || !value.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"'{value}' is not {count} digits 0-9.", parameterName);
        }
    }

    private int Digits(int start, int count) => int.Parse(Value.AsSpan(start, count), NumberStyles.None, CultureInfo.InvariantCulture);
}
