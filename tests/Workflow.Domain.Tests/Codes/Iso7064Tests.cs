namespace Workflow.Domain.Tests;

public sealed class Iso7064Tests
{
    [Fact]
    public void Mod11Radix2_ResidentIdSpecimen_GivesX()
    {
        // The specimen resident ID number of GB 11643 is 11010519491231002X.
        Assert.Equal('X', Iso7064.Mod11Radix2("11010519491231002"));
    }

    [Fact]
    public void Mod11Radix2_NonDigit_Throws() => Assert.Throws<ArgumentException>(() => Iso7064.Mod11Radix2("12a4"));

    [Fact]
    public void Mod11Radix2_Empty_Throws() => Assert.Throws<ArgumentException>(() => Iso7064.Mod11Radix2(""));
}
