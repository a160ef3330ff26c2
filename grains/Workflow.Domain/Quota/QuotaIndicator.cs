using System.Text.Json.Serialization;

namespace Workflow.Domain;

/// <summary>The three farmland-balance indicators; Zhejiang accounts and draws each one separately.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuotaIndicator>))]
public enum QuotaIndicator
{
    /// <summary>数量: cultivated area in mu.</summary>
    Area,

    /// <summary>水田: paddy area in mu.</summary>
    Paddy,

    /// <summary>粮食产能: grain capacity in kg.</summary>
    Capacity,
}
