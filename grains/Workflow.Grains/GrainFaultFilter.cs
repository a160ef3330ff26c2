using Orleans.Serialization.Serializers;
using Workflow.Contracts;

namespace Workflow.Grains;

/// <summary>
/// Makes every failure of a grain call reach its caller as an exception Orleans can serialize. One it cannot carry
/// (a <c>PostgresException</c>, a <c>SqliteException</c>, a storage exception of ours without a codec, or any
/// exception holding one) becomes a <see cref="GrainFaultException"/> with its type and message, which the gateway
/// answers 500 with a trace id. Without this the silo fails to serialize the response and the caller is told nothing
/// of what went wrong.
/// </summary>
internal sealed class GrainFaultFilter(ICodecProvider codecs) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (!CanTravel(exception))
        {
            throw new GrainFaultException(exception.GetType().FullName ?? exception.GetType().Name, exception.Message);
        }
    }

    /// <summary>Whether Orleans has a codec for the exception and every inner exception it holds.</summary>
    private bool CanTravel(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate && !aggregate.InnerExceptions.All(CanTravel))
            {
                return false;
            }

            try
            {
                if (codecs.TryGetCodec(current.GetType()) is null)
                {
                    return false;
                }
            }
            catch (Exception)
            {
                // Orleans refuses some types outright (ThrowIfUnsupportedType): those cannot travel either.
                return false;
            }
        }

        return true;
    }
}
