using System.Net;
using System.Net.Http.Json;


namespace Workflow.Gateway.Tests;

/// <summary>Per-user token buckets, with limits low enough to empty in a test: 3 writes and 5 reads at once, 1 a second after that.</summary>
public sealed class RateLimitTests(RateLimitTests.LimitedGateway fixture) : IClassFixture<RateLimitTests.LimitedGateway>
{
    private const int WriteBurst = 3;
    private const int ReadBurst = 5;

    [Fact]
    public async Task Writes_BurstOverTheLimit_429ProblemWithRetryAfter()
    {
        var user = fixture.Gateway.CreateClientAs("ent-rail");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        // At most one token comes back a second, so well within a second some write is refused.
        for (var i = 0; i < WriteBurst + 10 && refused is null; i++)
        {
            var response = await user.PostAsJsonAsync("/api/projects", new { });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.All(statuses.Take(WriteBurst), status => Assert.NotEqual(HttpStatusCode.TooManyRequests, status));
        Assert.NotNull(refused);
        using (refused)
        {
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.Equal(RateLimitRejection.Rule, problem.GetProperty("rule").GetString());
            Assert.Contains("user 'ent-rail'", ProblemAssert.Detail(problem), StringComparison.Ordinal);
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        }

        // Reads are counted apart, and another user has a bucket of their own.
        using var ownRead = await user.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, ownRead.StatusCode);
        using var otherWrite = await fixture.Gateway.CreateClientAs("ent-park").PostAsJsonAsync("/api/projects", new { });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherWrite.StatusCode);
    }

    [Fact]
    public async Task Reads_BurstOverTheLimit_429ForThatUserOnly()
    {
        var leader = fixture.Gateway.CreateClientAs("leader-li");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ReadBurst + 10 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await leader.GetAsync("/api/me");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(ReadBurst), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        using var other = await fixture.Gateway.CreateClientAs("admin").GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task HealthAndApiDocument_ManyMoreThanTheBurst_NeverLimited()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3 * ReadBurst; i++)
        {
            using var live = await fixture.Gateway.AnonymousClient.GetAsync(ServiceDefaultsExtensions.LivePath);
            using var document = await fixture.Gateway.AnonymousClient.GetAsync(ApiDocs.DocumentPath);
            statuses.Add(live.StatusCode);
            statuses.Add(document.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    /// <summary>One gateway with low limits; each test acts as users the others do not use.</summary>
    public sealed class LimitedGateway : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Gateway = await GatewayFixture.StartAsync(new Dictionary<string, string?>
            {
                [LandFlowSettings.RateLimitsEnabled] = "true",
                [LandFlowSettings.RateLimitsWriteBurst] = WriteBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [LandFlowSettings.RateLimitsWritesPerSecond] = "1",
                [LandFlowSettings.RateLimitsReadBurst] = ReadBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [LandFlowSettings.RateLimitsReadsPerSecond] = "1",
            });

        public async Task DisposeAsync()
        {
            if (Gateway is not null)
            {
                await Gateway.DisposeAsync();
            }
        }
    }
}
