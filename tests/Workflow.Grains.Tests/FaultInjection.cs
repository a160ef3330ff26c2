namespace Workflow.Grains.Tests;

/// <summary>Makes the next matching grain call fail after the callee has done its work, as when a
/// silo dies between a ledger's commit and the caller hearing of it.</summary>
public sealed class FaultInjection
{
    private Func<IIncomingGrainCallContext, bool>? armed;

    public int Fired { get; private set; }

    public void FailAfterNext(string interfaceMethod, Func<IIncomingGrainCallContext, bool>? also = null) =>
        armed = context => context.InterfaceMethod.Name == interfaceMethod && (also?.Invoke(context) ?? true);

    public bool TakeIfArmed(IIncomingGrainCallContext context)
    {
        var current = armed;
        if (current is null || !current(context))
        {
            return false;
        }

        armed = null;
        Fired++;
        return true;
    }
}

public sealed class FaultInjectionFilter(FaultInjection faults) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (faults.TakeIfArmed(context))
        {
            throw new InjectedFaultException($"Injected failure after {context.InterfaceMethod.Name} on {context.TargetId}.");
        }
    }
}

[GenerateSerializer]
public sealed class InjectedFaultException(string message) : Exception(message);
