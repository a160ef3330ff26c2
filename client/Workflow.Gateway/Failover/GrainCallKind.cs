namespace Workflow.Gateway;

/// <summary>What a grain call does, which decides whether the gateway may repeat it after a silo is lost.</summary>
public enum GrainCallKind
{
    /// <summary>Changes nothing: repeated after any failover failure.</summary>
    Read,

    /// <summary>An act: repeated only when it provably never ran, so an act whose commit landed is never applied twice.</summary>
    Write,

    /// <summary>A write the grain deduplicates (a lot id, a transfer id) or whose repetition is harmless (a code
    /// serial skipped): repeated like a read.</summary>
    IdempotentWrite,
}
