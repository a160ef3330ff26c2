namespace Workflow.Domain.Tests;

public sealed class HistoryPageTests
{
    [Fact]
    public void Create_Nothing_IsTheFirstPageOldestFirstOfTheDefaultSize()
    {
        var page = HistoryPage.Create(null, null, null, newestFirst: false, out var refusal);

        Assert.Null(refusal);
        Assert.Equal(new HistoryPage(null, false, InputLimits.DefaultHistoryLimit), page);
        Assert.Equal(HistoryPage.First, page);
    }

    [Fact]
    public void Create_AfterOldestFirstAndBeforeNewestFirst_AreTheCursor()
    {
        Assert.Equal(new HistoryPage(40, false, 10), HistoryPage.Create(40, null, 10, newestFirst: false, out _));
        Assert.Equal(new HistoryPage(40, true, 500), HistoryPage.Create(null, 40, 500, newestFirst: true, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(InputLimits.MaxHistoryLimit + 1)]
    public void Create_LimitOutOfRange_IsRefused(int limit)
    {
        Assert.Null(HistoryPage.Create(null, null, limit, newestFirst: false, out var refusal));
        Assert.Equal(Rules.LimitOutOfRange, refusal!.Rule);
        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
    }

    [Fact]
    public void Create_CursorOfTheOtherDirectionOrNegative_IsRefused()
    {
        Assert.Null(HistoryPage.Create(5, null, null, newestFirst: true, out var afterWithDesc));
        Assert.Null(HistoryPage.Create(null, 5, null, newestFirst: false, out var beforeWithAsc));
        Assert.Null(HistoryPage.Create(-1, null, null, newestFirst: false, out var negative));

        Assert.Equal(Rules.InvalidCursor, afterWithDesc!.Rule);
        Assert.Equal(Rules.InvalidCursor, beforeWithAsc!.Rule);
        Assert.Equal(Rules.InvalidCursor, negative!.Rule);
    }
}
