namespace Workflow.Demo;

/// <summary>What officers and owners write when they ask for a supplement, reject or withdraw.</summary>
internal static class DemoReasons
{
    private static readonly string[] Withdrawals =
    [
        "企业投资计划调整，申请撤回用地报批。",
        "项目选址调整，拟重新申报。",
        "建设方案发生重大变更，申请撤回。",
        "项目资金未能落实，暂缓实施。",
    ];

    public static string Supplement(string step) => step switch
    {
        "approval" => "补正：项目申请书缺少资金来源说明。",
        "prereview" => "补正：选址论证报告需补充生态保护红线避让分析。",
        "survey" => "补正：权属调查表缺少村民小组签章。",
        "risk_assessment" => "补正：风险评估报告需补充被征地农户意见汇总。",
        "compensation_plan" => "补正：安置方案需补充社会保障费用测算。",
        "registration" => "补正：部分被征收户补偿登记材料不全。",
        "farmland_balance" => "补正：耕地质量等别评定报告需更新。",
        "funds" => "补正：补偿资金缴存凭证不完整。",
        "filing" => "补正：报批材料缺少勘测定界图。",
        "land_supply" => "补正：出让合同附件缺少规划条件。",
        _ => "补正：请补充相关证明材料。",
    };

    public static string Rejection(string step) => step switch
    {
        "approval" => "不符合国土空间规划用途管制要求，不予立项。",
        "prereview" => "选址涉及生态保护红线，用地预审未通过。",
        "risk_assessment" => "社会稳定风险评估结论为高风险，暂不实施征收。",
        "filing" => "报批审查未通过：用地规模超出建设用地使用标准。",
        _ => "审查未通过。",
    };

    public static string Withdrawal(int index) => Withdrawals[index % Withdrawals.Length];
}
