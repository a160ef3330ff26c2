using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Workflow.Clustering.Postgres.Tests;

public sealed class PostgresClusteringOptionsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_NoConnectionString_Throws(string connectionString)
    {
        var options = new PostgresClusteringOptions { ConnectionString = connectionString };

        var exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("ConnectionString", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Landflow")]
    [InlineData("land-flow")]
    [InlineData("landflow\"; DROP TABLE x; --")]
    [InlineData("1landflow")]
    public void Validate_SchemaNotPlainIdentifier_Throws(string schema)
    {
        var options = new PostgresClusteringOptions { ConnectionString = "Host=127.0.0.1", Schema = schema };

        var exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Schema", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_NotSet_IsLandflow()
    {
        Assert.Equal("landflow", new PostgresClusteringOptions().Schema);
    }

    [Fact]
    public void ValidateConfiguration_InvalidOptions_ThrowsOrleansConfigurationException()
    {
        var validator = new PostgresClusteringOptionsValidator(Options.Create(new PostgresClusteringOptions()));

        Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);
    }
}
