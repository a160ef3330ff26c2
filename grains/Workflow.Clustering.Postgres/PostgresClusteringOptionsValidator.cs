using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Workflow.Clustering.Postgres;

/// <summary>Fails the silo or client at start-up, before membership is touched, when the options are unusable.</summary>
internal sealed class PostgresClusteringOptionsValidator(IOptions<PostgresClusteringOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        try
        {
            options.Value.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new OrleansConfigurationException(exception.Message, exception);
        }
    }
}
