namespace Workflow.Grains.Tests;

/// <summary>Makes the next matching grain call fail after the callee has done its work, as when a
/// silo dies between a ledger's commit and the caller hearing of it.</summary>
public sealed class FaultInjection
{
    private Func<IIncomingGrainCallContext, bool>? armed;
    private Func<IIncomingGrainCallContext, Exception>? fault;
    private bool repeat;

    public int Fired { get; private set; }

    /// <param name="as">The exception the caller sees; by default an <see cref="InjectedFaultException"/>, or for
    /// example the <c>SiloUnavailableException</c> of a silo that died with the call in flight.</param>
    public void FailAfterNext(string interfaceMethod, Func<IIncomingGrainCallContext, bool>? also = null, Func<IIncomingGrainCallContext, Exception>? @as = null)
    {
        fault = @as;
        repeat = false;
        armed = context => context.InterfaceMethod.Name == interfaceMethod && (also?.Invoke(context) ?? true);
    }

    /// <summary>Fails every matching call until <see cref="Disarm"/>: a silo that stays out of reach for a while,
    /// whoever calls (the deadline scheduler too).</summary>
    public void FailAfterEach(string interfaceMethod, Func<IIncomingGrainCallContext, Exception> @as)
    {
        FailAfterNext(interfaceMethod, @as: @as);
        repeat = true;
    }

    public void Disarm() => armed = null;

    /// <summary>The exception to throw for this call if the fault is armed for it (and disarms it), else null.</summary>
    public Exception? TakeIfArmed(IIncomingGrainCallContext context)
    {
        var current = armed;
        if (current is null || !current(context))
        {
            return null;
        }

        if (!repeat)
        {
            armed = null;
        }

        Fired++;
        return fault?.Invoke(context) ?? new InjectedFaultException($"Injected failure after {context.InterfaceMethod.Name} on {context.TargetId}.");
    }
}

public sealed class FaultInjectionFilter(FaultInjection faults) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (faults.TakeIfArmed(context) is { } fault)
        {
            throw fault;
        }
    }
}

[GenerateSerializer]
public sealed class InjectedFaultException(string message) : Exception(message);
