namespace Workflow.Domain.Tests;

public sealed class InputLimitsTests
{
    [Fact]
    public void CheckReason_AtTheLimit_IsAccepted()
    {
        Assert.Null(InputLimits.CheckReason(new string('缺', InputLimits.MaxReasonLength)));
        Assert.Null(InputLimits.CheckReason(null));
    }

    [Fact]
    public void CheckReason_OneCharacterOver_IsRefusedAsReasonTooLong()
    {
        var refusal = InputLimits.CheckReason(new string('缺', InputLimits.MaxReasonLength + 1));

        Assert.Equal(RefusalKind.Invalid, refusal!.Kind);
        Assert.Equal(Rules.ReasonTooLong, refusal.Rule);
        Assert.Contains("2,000", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFacts_TemplateSizedFacts_AreAccepted()
    {
        Assert.Null(InputLimits.CheckFacts("""{"signedHouseholds": 12, "counties": ["330502", "330503"], "requested": true}"""));
        Assert.Null(InputLimits.CheckFacts(null));
    }

    [Fact]
    public void CheckFacts_OverTheByteLimit_IsRefusedAsFactsTooLarge()
    {
        // 6,000 characters of three UTF-8 bytes each: under the limit in characters, over it in bytes.
        var refusal = InputLimits.CheckFacts("{\"note\": \"" + new string('理', 6_000) + "\"}");

        Assert.Equal(Rules.FactsTooLarge, refusal!.Rule);
    }

    [Fact]
    public void CheckFacts_FiveLevels_AreAcceptedAndSixAreTooDeep()
    {
        Assert.Null(InputLimits.CheckFacts("""{"a": {"b": {"c": {"d": [1]}}}}"""));

        Assert.Equal(Rules.FactsTooDeep, InputLimits.CheckFacts("""{"a": {"b": {"c": {"d": {"e": {}}}}}}""")!.Rule);
        Assert.Equal(Rules.FactsTooDeep, InputLimits.CheckFacts("""{"a": [[[[[1]]]]]}""")!.Rule);
    }

    [Fact]
    public void CheckFacts_MoreProperties_AreRefusedCountingNestedOnes()
    {
        var atLimit = "{" + string.Join(",", Enumerable.Range(0, InputLimits.MaxFactsProperties).Select(i => $"\"p{i}\": {i}")) + "}";
        var nestedOver = "{\"inner\": " + atLimit + "}";

        Assert.Null(InputLimits.CheckFacts(atLimit));
        Assert.Equal(Rules.FactsTooManyProperties, InputLimits.CheckFacts(nestedOver)!.Rule);
    }

    [Fact]
    public void CheckFacts_MalformedJson_IsLeftToTheParser()
    {
        Assert.Null(InputLimits.CheckFacts("{\"a\": "));
    }

    [Theory]
    [InlineData("filing-package")]
    [InlineData("compensation_plan_announcement")]
    [InlineData("v1.2")]
    public void CheckDocumentKey_TemplateLikeKeys_AreAccepted(string key)
    {
        Assert.Null(InputLimits.CheckDocumentKey(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("报告")]
    [InlineData("<script>")]
    public void CheckDocumentKey_OutsideTheCharset_IsRefused(string key)
    {
        Assert.Equal(Rules.InvalidDocumentKey, InputLimits.CheckDocumentKey(key)!.Rule);
    }

    [Fact]
    public void CheckDocumentKey_OverTheLength_IsRefusedWithoutEchoingIt()
    {
        var key = new string('k', InputLimits.MaxDocumentKeyLength + 1);

        var refusal = InputLimits.CheckDocumentKey(key);

        Assert.Equal(Rules.InvalidDocumentKey, refusal!.Rule);
        Assert.DoesNotContain(key, refusal.Detail, StringComparison.Ordinal);
        Assert.Null(InputLimits.CheckDocumentKey(new string('k', InputLimits.MaxDocumentKeyLength)));
    }
}
