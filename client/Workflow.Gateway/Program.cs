using Workflow.Gateway;
using Workflow.ServiceDefaults;

// The cluster gateway: an Orleans client of separate silos, serving the HTTP API. It holds no rule, grain or store;
// the embedded host (silo/Workflow.Embedded) composes the same endpoints with a silo in one process.
var builder = LandFlowWebApplication.CreateBuilder(args);
// Cluster mode unless told otherwise, and then the guard refuses: the default goes under every other source.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
{
    InitialData = [new(LandFlowSettings.Mode, LandFlowModes.Cluster)],
});
ClusterGatewayGuard.Check(builder.Configuration);
builder.AddServiceDefaults("landflow-gateway");
builder.AddLandFlowClusterClient();
builder.AddGatewayServices();

var app = builder.Build();
app.UseGatewayPipeline();
app.MapHealthEndpoints();
app.MapGatewayEndpoints();
await app.RunAsync();
