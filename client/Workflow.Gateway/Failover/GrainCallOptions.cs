namespace Workflow.Gateway;

/// <summary>How long the gateway keeps repeating a grain call that failed over before it answers 503.</summary>
public sealed class GrainCallOptions
{
    /// <summary>Repeats stop once this much time has passed since the first attempt. A SIGKILLed silo is declared
    /// dead in about 2 s (docs/clustering.md), after which its grains activate elsewhere: 8 s covers that with room.</summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>The first pause between attempts; each next pause doubles, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The <c>Retry-After</c> of a 503: about the time a lost silo takes to be declared dead.</summary>
    public int RetryAfterSeconds { get; set; } = 2;
}
