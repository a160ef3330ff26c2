namespace Workflow.Domain;

/// <summary>
/// The figures the bureau may tune (marked "default" in the domain document) and the statutory
/// thresholds, as configuration rather than constants.
/// </summary>
public sealed class WorkflowRules
{
    /// <summary>Cultivated land above which the State Council approves (35 ha = 525 mu, law).</summary>
    public decimal StateCouncilCultivatedMu { get; set; } = 525m;

    /// <summary>Other land above which the State Council approves (70 ha = 1,050 mu, law).</summary>
    public decimal StateCouncilOtherLandMu { get; set; } = 1050m;

    /// <summary>Share of the limit used at which a step turns yellow (default 80%).</summary>
    public decimal YellowShareUsed { get; set; } = 0.8m;

    /// <summary>Working days left at which a step turns yellow (default 2).</summary>
    public int YellowWorkingDaysLeft { get; set; } = 2;

    /// <summary>The largest share of the households affected that may remain without a compensation agreement
    /// ("个别", 浙江省土地管理条例 第四十四条, whose figure the province sets; default 10%, ours until the
    /// province's figure is configured: see docs/workflow.md).</summary>
    public decimal MaxUnsignedShare { get; set; } = 0.1m;

    /// <summary>Working days a department has to accept a received application or to ask, once, for everything
    /// missing; silence is acceptance on receipt (行政许可法 第三十二条: 五日; read as working days, 第八十二条).</summary>
    public int AcceptanceWorkingDays { get; set; } = 5;

    /// <summary>The longest statutory extension (延期) of a step's limit, once, with a reason (行政许可法 第四十二条:
    /// 20 days, extendable by 10 with the head's approval).</summary>
    public int MaxExtensionWorkingDays { get; set; } = 10;

    public string ApprovalLevelFor(decimal areaMu, decimal cultivatedMu, bool permanentBasicFarmland) =>
        permanentBasicFarmland
        || cultivatedMu > StateCouncilCultivatedMu
        || areaMu - cultivatedMu > StateCouncilOtherLandMu
            ? ApprovalLevels.StateCouncil
            : ApprovalLevels.Province;
}

/// <summary>What the project aggregate needs from outside: the calendar, the templates, the rules.</summary>
public sealed class WorkflowEnvironment(
    WorkingCalendar calendar,
    TemplateCatalog templates,
    WorkflowRules rules,
    FarmlandBalanceRuleBook balanceRules)
{
    public WorkingCalendar Calendar { get; } = calendar;
    public TemplateCatalog Templates { get; } = templates;
    public WorkflowRules Rules { get; } = rules;
    public FarmlandBalanceRuleBook BalanceRules { get; } = balanceRules;
    public StepClock Clock { get; } = new(calendar, rules);

    public static WorkflowEnvironment Default() =>
        new(WorkingCalendar.Embedded(), TemplateCatalog.Embedded(), new WorkflowRules(), FarmlandBalanceRuleBook.Standard);
}
