using Workflow.Hosting;
using Workflow.ServiceDefaults;

// A silo process: LandFlow's grains with their store and deadline scheduler, plus health endpoints
// for orchestrators. Gateways reach it as Orleans clients (client/Workflow.Gateway).
var builder = LandFlowWebApplication.CreateBuilder(args);

// `Workflow.Silo migrate`: migrate the schema as its owner, grant the silos' role, exit (a deployment's first step).
if (SchemaMigrationCommand.IsRequested(args))
{
    return await SchemaMigrationCommand.RunAsync(builder.Configuration, Console.Out, Console.Error);
}

// `Workflow.Silo rebuild <projection>`: replay the history into a read model (analytics, notices), with a progress bar.
if (ProjectionRebuildCommand.IsRequested(args))
{
    return await ProjectionRebuildCommand.RunAsync(args, builder.Configuration, Console.Out, Console.Error);
}

builder.AddServiceDefaults("landflow-silo");

// Only a development gateway of a local cluster moves the silos' clock, and only when they are told to let it.
builder.AddLandFlowSilo(devClock: builder.Configuration.GetValue<bool?>(LandFlowSettings.DevEndpoints) == true);
if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
{
    builder.WebHost.UseUrls("http://127.0.0.1:5100");
}

var app = builder.Build();
app.MapHealthEndpoints();
await app.RunAsync();
return 0;
