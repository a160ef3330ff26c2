using System.Reflection;
using Workflow.Domain;
using Workflow.Gateway;
using Workflow.Demo;
using Workflow.Grains;
using Workflow.Hosting;
using Workflow.ServiceDefaults;

namespace Workflow.K8s.Tests;

/// <summary>The catalogue is whole (every bound options property is in it) and coherent.</summary>
public sealed class LandFlowSettingsTests
{
    public static TheoryData<string, Type> OptionsSections => new()
    {
        { LandFlowOptions.SectionName, typeof(LandFlowOptions) },
        { DemoOptions.SectionName, typeof(DemoOptions) },
        { MembershipSettings.SectionName, typeof(MembershipSettings) },
        { LandFlowAuthOptions.SectionName, typeof(LandFlowAuthOptions) },
        { LandFlowRateLimitOptions.SectionName, typeof(LandFlowRateLimitOptions) },
        { "LandFlow:Rules", typeof(WorkflowRules) },
        { "LandFlow:Deadlines", typeof(DeadlineSchedulerOptions) },
        { "LandFlow:Bulletin", typeof(BulletinOptions) },
        { "LandFlow:Projections", typeof(ProjectionOptions) },
        { "LandFlow:Forecast", typeof(ForecastOptions) },
        { "LandFlow:Notices", typeof(NoticeOptions) },
    };

    [Theory]
    [MemberData(nameof(OptionsSections))]
    public void Catalogue_BoundOptionsProperties_AllCatalogued(string section, Type options)
    {
        var keys = LandFlowSettings.All.Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = KeysOf(section, options).Where(key => !keys.Contains(key)).ToList();

        Assert.True(missing.Count == 0, $"read by the code but not in LandFlowSettings: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Catalogue_EnvironmentVariables_Unique()
    {
        var names = LandFlowSettings.All.Select(s => s.EnvironmentVariable).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Catalogue_Entries_Coherent()
    {
        Assert.All(LandFlowSettings.All, setting =>
        {
            Assert.True((setting.RequiredBy & ~setting.ReadBy) == LandFlowProcess.None, $"{setting.Key}: required by a process that does not read it");
            Assert.True(setting.ReadBy != LandFlowProcess.None, $"{setting.Key}: read by nobody");
            Assert.False(string.IsNullOrWhiteSpace(setting.Meaning), $"{setting.Key}: no meaning");
            Assert.Equal(setting.Source == SettingSource.DownwardApi, setting.FieldPath is not null);
            Assert.False(setting.Source == SettingSource.Secret && setting.ClusterValue is not null, $"{setting.Key}: a secret with a fixed value");
            Assert.True(
                setting.Key.StartsWith("LandFlow:", StringComparison.Ordinal) || LandFlowSettings.IsPlatformVariable(setting.Key),
                $"{setting.Key}: neither a LandFlow setting nor a platform variable");
        });
    }

    [Fact]
    public void EnvironmentVariable_NestedKey_UsesDoubleUnderscores()
    {
        var setting = LandFlowSettings.FindByEnvironmentVariable("LandFlow__Postgres__ConnectionString");

        Assert.NotNull(setting);
        Assert.Equal(LandFlowSettings.PostgresConnectionString, setting.Key);
        Assert.Null(LandFlowSettings.FindByEnvironmentVariable("LandFlow:Postgres:ConnectionString"));
    }

    [Fact]
    public void MarkdownTable_EverySetting_OneRow()
    {
        var lines = LandFlowSettings.ToMarkdownTable().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(LandFlowSettings.All.Count + 2, lines.Length);
        Assert.StartsWith("| setting | environment variable | read by | in cluster mode | default | meaning |", lines[0], StringComparison.Ordinal);
        Assert.Contains("| `LandFlow:Auth:SigningKey` | `LandFlow__Auth__SigningKey` | gateway | required, from a Secret |", lines.Skip(2).Single(l => l.Contains("SigningKey", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("| `POD_IP` | (same) | silo | required, from `status.podIP` |", lines.Skip(2).Single(l => l.StartsWith("| `POD_IP`", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.All(lines, line => Assert.Equal(7, line.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|')));
    }

    /// <summary>The configuration keys an options class binds: its settable properties, nested classes as sub-sections.</summary>
    private static IEnumerable<string> KeysOf(string section, Type options)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var key = $"{section}:{property.Name}";
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
                || type == typeof(DateTimeOffset) || type == typeof(Uri) || type.IsAssignableTo(typeof(System.Collections.IEnumerable)))
            {
                yield return key;
            }
            else
            {
                foreach (var nested in KeysOf(key, type))
                {
                    yield return nested;
                }
            }
        }
    }
}
