using Workflow.Gateway;
using Workflow.Hosting;

var builder = LandFlowWebApplication.CreateBuilder(args);
builder.AddServiceDefaults("landflow-gateway");
builder.AddLandFlowOrleans();
builder.AddGatewayServices();

var app = builder.Build();
app.UseGatewayPipeline();
app.MapHealthEndpoints();
app.MapDevApi();
app.MapMeApi();
app.MapProjectsApi();
app.MapQuotaApi();
app.MapAdminApi();
app.MapHistoryAuditApi();
app.MapApiDocs();
await app.RunAsync();
