using Workflow.Hosting;

// A silo process: LandFlow's grains with their store and deadline scheduler, plus health endpoints
// for orchestrators. Gateways reach it as Orleans clients (LandFlow:Mode=cluster on the gateway).
var builder = LandFlowWebApplication.CreateBuilder(args);
builder.AddServiceDefaults("landflow-silo");
builder.AddLandFlowSilo();
if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
{
    builder.WebHost.UseUrls("http://127.0.0.1:5100");
}

var app = builder.Build();
app.MapHealthEndpoints();
await app.RunAsync();
