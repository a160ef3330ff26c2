namespace Workflow.Gateway;

public static class QuotaApi
{
    public static IEndpointRouteBuilder MapQuotaApi(this IEndpointRouteBuilder app) => app;
}
