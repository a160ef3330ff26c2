using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Domain;

/// <summary>
/// The rule book of who approves (Approval/approval-authority.json): the authority in law and the approver in practice
/// by approval level, province and date. Data rather than code, so the end of an entrustment is an edit of a date.
/// </summary>
public sealed class ApprovalAuthorityBook
{
    private const string ResourceName = "Workflow.Domain.Approval.approval-authority.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    private static readonly Lazy<ApprovalAuthorityBook> EmbeddedBook = new(ReadEmbedded);

    public ApprovalAuthorityBook(IEnumerable<ApprovalAuthority> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Rows = [.. rows];
        foreach (var group in Rows.GroupBy(r => (r.Level, r.Province)))
        {
            var ordered = group.OrderBy(r => r.From).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i - 1].Until is not { } until || until >= ordered[i].From)
                {
                    throw new FormatException($"Approval authority: two rows for {group.Key.Level} in {group.Key.Province} overlap at {ordered[i].From:yyyy-MM-dd}.");
                }
            }
        }
    }

    public IReadOnlyList<ApprovalAuthority> Rows { get; }

    /// <summary>The shipped rule book.</summary>
    public static ApprovalAuthorityBook Standard => EmbeddedBook.Value;

    /// <summary>The province-level division code (GB/T 2260) of a county code: its first two digits and four zeros.</summary>
    public static string ProvinceOf(string regionCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(regionCode);
        return regionCode[..2] + "0000";
    }

    /// <summary>Who approves at <paramref name="level"/> for a project in <paramref name="county"/> on <paramref name="date"/>:
    /// the province's own row in force, else the row for every province; null when no row covers the date.</summary>
    public ApprovalAuthority? For(string level, string county, DateOnly date)
    {
        var province = ProvinceOf(county);
        return Rows.FirstOrDefault(r => r.Level == level && r.Province == province && r.InForceOn(date))
            ?? Rows.FirstOrDefault(r => r.Level == level && r.Province == ApprovalAuthority.AnyProvince && r.InForceOn(date));
    }

    /// <summary>Parses a rule-book document.</summary>
    /// <exception cref="FormatException">The document is not a valid rule book.</exception>
    public static ApprovalAuthorityBook Parse(string json)
    {
        try
        {
            var document = JsonSerializer.Deserialize<Document>(json, JsonOptions) ?? throw new FormatException("Approval authority: the document is null.");
            return new ApprovalAuthorityBook(document.Rows);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Approval authority: {ex.Message}", ex);
        }
    }

    private static ApprovalAuthorityBook ReadEmbedded()
    {
        using var stream = typeof(ApprovalAuthorityBook).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private sealed class Document
    {
        public string? About { get; init; }

        public required List<ApprovalAuthority> Rows { get; init; }
    }
}
