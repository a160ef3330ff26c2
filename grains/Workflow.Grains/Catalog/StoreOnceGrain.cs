using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Contracts;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// A one-time task of the whole store, keyed by the setting that marks it done (the demo data set: <c>demo-seeded</c>).
/// The claim is the creation of the stream <c>once/{key}</c> at expected version 0, which the store's version check lets
/// only one caller make, however many silos (or activations, during a membership change) ask at once.
/// </summary>
public sealed class StoreOnceGrain(
    IAggregateStore store,
    ISettingsStore settings,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time) : Grain, IStoreOnceGrain
{
    private string Key => this.GetPrimaryKeyString();

    private string ClaimStream => "once/" + Key;

    public async Task<OnceState> GetAsync()
    {
        var value = await settings.GetAsync(Key);
        var claim = await store.LoadAsync(ClaimStream);
        return new OnceState(value, claim is null ? null : JsonSerializer.Deserialize<OnceClaim>(claim.StateJson)?.ClaimedAt);
    }

    public async Task<bool> ClaimAsync(string claimant)
    {
        try
        {
            await store.CommitAsync(new AggregateCommit(ClaimStream, 0, JsonSerializer.Serialize(new OnceClaim(claimant, time.GetUtcNow())), []));
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    public Task CompleteAsync(string value) => settings.SetAsync(Key, value);

    private sealed record OnceClaim(string Claimant, DateTimeOffset ClaimedAt);
}
