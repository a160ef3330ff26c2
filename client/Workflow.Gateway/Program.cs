using Workflow.Gateway;
using Workflow.ServiceDefaults;

// The cluster gateway: an Orleans client of separate silos, serving the HTTP API. It holds no rule, grain or store;
// the embedded host (silo/Workflow.Embedded) composes the same endpoints with a silo in one process.
var builder = LandFlowWebApplication.CreateBuilder(args);
builder.Configuration.AddInMemoryCollection([new(LandFlowSettings.Mode, LandFlowModes.Cluster)]);
builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
ClusterGatewayGuard.Check(builder.Configuration);
builder.AddServiceDefaults("landflow-gateway");
builder.AddLandFlowClusterClient();
builder.AddGatewayServices();

var app = builder.Build();
app.UseGatewayPipeline();
app.MapHealthEndpoints();
app.MapGatewayEndpoints();
await app.RunAsync();
