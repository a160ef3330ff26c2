using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Workflow.Storage.Postgres;

namespace Workflow.Gateway.Tests;

/// <summary>OpenTelemetry follows a request from the gateway through a grain into PostgreSQL.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task ProjectList_StoreOnPostgres_TracesTheQueryInTheRequestsTraceAndMetersThePool()
    {
        var schema = TestPostgres.NewSchemaName();
        var spans = new LockedCollection<Activity>();
        var metrics = new LockedCollection<Metric>();
        var settings = new Dictionary<string, string?>
        {
            ["LandFlow:Storage"] = "postgres",
            ["LandFlow:Postgres:ConnectionString"] = TestPostgres.ConnectionString,
            // No OTLP endpoint here: the in-memory exporter below takes the spans.
            ["LandFlow:Telemetry:Traces"] = "true",
        };
        try
        {
            await using var gateway = await GatewayFixture.StartAsync(settings, services =>
            {
                services.Configure<PostgresStoreOptions>(options => options.Schema = schema);
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
            });
            var leader = await gateway.ClientForAsync("leader-li");
            // The test's own trace, sampled (spans under an unsampled parent are dropped): the client's span,
            // and through it the request, become part of it.
            using var test = new Activity(nameof(TelemetryTests)) { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start();
            using var response = await leader.GetAsync("/api/projects?pageSize=1");
            test.Stop();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // The server's span ends once the response is sent, which may be just after the client has it.
            var traced = await SpansOfTraceAsync(spans, test.TraceId, span => span.Source.Name == "Microsoft.AspNetCore");
            gateway.Services.GetRequiredService<MeterProvider>().ForceFlush();
            Assert.Contains(traced, span => span.Source.Name == "Microsoft.AspNetCore" && span.Kind == ActivityKind.Server);
            Assert.Contains(traced, span => span.Source.Name == "Microsoft.Orleans.Application" && span.Kind == ActivityKind.Server);
            Assert.Contains(traced, span => span.Source.Name == "Npgsql" && span.Kind == ActivityKind.Client);
            Assert.Contains(metrics.Snapshot(), metric => metric.MeterName == "Npgsql" && PoolNames(metric).Contains("landflow-store"));
        }
        finally
        {
            await TestPostgres.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task Requests_NoOtlpEndpointAndTracesUnset_RecordNoSpansButStillMeter()
    {
        var spans = new LockedCollection<Activity>();
        var metrics = new LockedCollection<Metric>();
        await using var gateway = await GatewayFixture.StartAsync(configureServices: services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        });
        var leader = await gateway.ClientForAsync("leader-li");
        using var test = new Activity(nameof(TelemetryTests)) { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start();
        // Two requests one after the other: the first one's server span, had there been one, has ended by the second's answer.
        using var first = await leader.GetAsync("/api/projects?pageSize=1");
        using var second = await leader.GetAsync("/api/projects?pageSize=1");
        test.Stop();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        gateway.Services.GetRequiredService<MeterProvider>().ForceFlush();
        Assert.Contains(metrics.Snapshot(), metric => metric.Name == "http.server.request.duration");
        Assert.Null(gateway.Services.GetService<TracerProvider>());
        Assert.Empty(spans.Snapshot());
    }

    private static async Task<List<Activity>> SpansOfTraceAsync(LockedCollection<Activity> spans, ActivityTraceId trace, Func<Activity, bool> last)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var traced = spans.Snapshot().Where(span => span.TraceId == trace).ToList();
            if (traced.Any(last) || timeout.IsCancellationRequested)
            {
                return traced;
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>The pool names a metric's points are tagged with (Npgsql names the pool after the data source).</summary>
    private static HashSet<string> PoolNames(Metric metric)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key.Contains("pool", StringComparison.Ordinal) && tag.Value is string name)
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }
}
