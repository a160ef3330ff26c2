using Workflow.Demo;
using Workflow.Embedded;
using Workflow.Gateway;
using Workflow.Hosting;
using Workflow.ServiceDefaults;

// One process: a silo on SQLite with the demo data, and the gateway's endpoints, plus the development routes on
// loopback. With LandFlow:Mode=cluster: a development gateway of a local cluster (no silo of its own).
var builder = LandFlowWebApplication.CreateBuilder(args);

// `rebuild <projection>`: replay the embedded store's history into a read model, with a progress bar, and exit.
if (ProjectionRebuildCommand.IsRequested(args))
{
    return await ProjectionRebuildCommand.RunAsync(args, builder.Configuration, Console.Out, Console.Error);
}

var devEndpoints = DevEndpoints.Decide(builder.Configuration);
builder.Services.AddSingleton(devEndpoints);
builder.AddServiceDefaults("landflow");
var options = builder.GetLandFlowOptions();
if (options.IsEmbedded)
{
    builder.AddLandFlowSilo(devClock: devEndpoints.Enabled);
    builder.Services.AddDemoData(builder.Configuration);
}
else
{
    // The silos of a local cluster: in the PostgreSQL membership table, or one silo on this machine's loopback.
    builder.AddLandFlowClusterClient((client, o) => client.UseLandFlowDevelopmentGatewayList(o));
    if (devEndpoints.Enabled)
    {
        builder.Services.AddSingleton<IDevClockControl, ClusterDevClockControl>();
        OrleansHostingExtensions.AllowDevClockCommands(builder.Services);
    }
}

builder.Services.AddDemoUserDirectory();
// The web UI's sign-in offers the same demo users.
builder.Services.AddSingleton<Workflow.Web.IWebSignInDirectory, DemoWebSignIn>();
builder.AddGatewayServices();
builder.Services.AddHostedService<StartupBanner>();

var app = builder.Build();
app.UseGatewayPipeline();
app.MapHealthEndpoints();
app.MapDevApi();
app.MapGatewayEndpoints();
await app.RunAsync();
return 0;
