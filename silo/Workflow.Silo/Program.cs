using Workflow.Hosting;

// A silo process: LandFlow's grains with their store and deadline scheduler, plus health endpoints
// for orchestrators. Gateways reach it as Orleans clients (LandFlow:Mode=cluster on the gateway).
// appsettings.json ships beside the binary: read it whatever the working directory, or `dotnet path/to/Workflow.Silo.dll`
// started elsewhere would miss LandFlow:Mode=cluster and run with embedded defaults (demo data, dev endpoints).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults("landflow-silo");
builder.AddLandFlowSilo();
if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
{
    builder.WebHost.UseUrls("http://127.0.0.1:5100");
}

var app = builder.Build();
app.MapHealthEndpoints();
await app.RunAsync();
