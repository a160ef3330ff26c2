using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Api.Contract.Tests;

/// <summary>
/// Every operation of the document, and every refusal docs/api.md lists for it, sent through Prism's validating proxy to
/// the real host: a request or an answer that breaks the document fails the test (Prism's 422/500 with a
/// <c>validation</c> list, or its <c>sl-violations</c> header), and every rule answered must be one the document lists
/// for that operation and status. Each test works on projects of its own.
/// </summary>
public sealed class PrismContractTests(ContractProxy proxy) : IClassFixture<ContractProxy>
{
    private const string RailUscc = "91330500MA2JTR010T";

    [Fact]
    public async Task ProjectLife_ThroughPrism_ConformsToTheDocument()
    {
        await Call("GetMe", "ent-rail", HttpMethod.Get, "/api/me", null, HttpStatusCode.OK);
        var code = await RegisterAsync();

        await Call("RegisterProject", "ent-rail", HttpMethod.Post, "/api/projects", Registration(code: "2601-330502-04-01-000019"), HttpStatusCode.Forbidden, Rules.RegistrationFieldForbidden);
        await Call("RegisterProject", "admin", HttpMethod.Post, "/api/projects", Registration(code: code), HttpStatusCode.Conflict, Rules.ProjectExists);

        await Call("GetProject", "ent-rail", HttpMethod.Get, $"/api/projects/{code}", null, HttpStatusCode.OK);
        await Call("GetProject", "ent-park", HttpMethod.Get, $"/api/projects/{code}", null, HttpStatusCode.NotFound);
        await Call("GetProject", "ent-rail", HttpMethod.Get, "/api/projects/not-a-code", null, HttpStatusCode.BadRequest, Rules.InvalidCode);
        await Call("ListProjects", "leader-li", HttpMethod.Get, "/api/projects?county=330502&state=active&light=green&page=1&pageSize=10", null, HttpStatusCode.OK);
        await Call("ListProjects", "leader-li", HttpMethod.Get, "/api/projects?pageSize=500", null, HttpStatusCode.BadRequest, Rules.InvalidListFilter);

        await Call("SubmitDocument", "ent-rail", HttpMethod.Post, $"/api/projects/{code}/documents", new { key = "project-proposal" }, HttpStatusCode.OK);
        await Call("SubmitDocument", "ent-rail", HttpMethod.Post, $"/api/projects/{code}/documents", new { key = "no such key" }, HttpStatusCode.BadRequest, Rules.InvalidDocumentKey);
        await Call("SubmitDocument", "ent-rail", HttpMethod.Post, $"/api/projects/{code}/documents", new { key = "no-such-document" }, HttpStatusCode.BadRequest, Rules.UnknownDocument);
        await Call("SubmitDocument", "off-drc", HttpMethod.Post, $"/api/projects/{code}/documents", new { key = "project-proposal" }, HttpStatusCode.Forbidden);

        var approval = $"/api/projects/{code}/steps/approval";
        await Call("ActOnStep", "off-drc", HttpMethod.Post, $"{approval}/start", new { reason = "受理", facts = new { note = "窗口受理" } }, HttpStatusCode.OK);
        await Call("ActOnStep", "off-nr", HttpMethod.Post, $"{approval}/complete", null, HttpStatusCode.Forbidden, Rules.WrongDepartment);
        await Call("ActOnStep", "off-drc", HttpMethod.Post, $"{approval}/complete", null, HttpStatusCode.OK);
        await Call("ActOnStep", "off-drc", HttpMethod.Post, $"{approval}/complete", null, HttpStatusCode.Conflict, Rules.StepState);
        await Call("ActOnStep", "off-nr", HttpMethod.Post, $"/api/projects/{code}/steps/compensation_plan/start", null, HttpStatusCode.Conflict, Rules.StepNotReady);
        await Call("ActOnStep", "off-nr", HttpMethod.Post, $"/api/projects/{code}/steps/farmland_balance/start", new { reason = (string?)null, facts = (object?)null }, HttpStatusCode.OK);
        await Call("ActOnStep", "off-nr", HttpMethod.Post, $"/api/projects/{code}/steps/farmland_balance/reserve", new { facts = new { counties = new[] { "330503" } } }, HttpStatusCode.Conflict, Rules.QuotaAreaShort);
        await Call("ActOnStep", "off-nr", HttpMethod.Post, $"/api/projects/{code}/steps/survey/reserve", new { facts = (object?)null }, HttpStatusCode.BadRequest, Rules.NotFarmlandStep);
        await Call("ActOnStep", "off-nr", HttpMethod.Post, $"/api/projects/{code}/steps/survey/start", new { reason = new string('长', 2001) }, HttpStatusCode.BadRequest, Rules.ReasonTooLong);
        await Call("ActOnStep", "off-nr", HttpMethod.Post, $"/api/projects/{code}/steps/survey/start", new { reason = new string('x', 70 * 1024) }, HttpStatusCode.RequestEntityTooLarge);

        await Call("AssignLiaison", "leader-li", HttpMethod.Post, $"/api/projects/{code}/liaison", new { liaison = "liaison-chen" }, HttpStatusCode.OK);
        await Call("AssignLiaison", "ent-rail", HttpMethod.Post, $"/api/projects/{code}/liaison", new { liaison = "liaison-chen" }, HttpStatusCode.Forbidden, Rules.RoleForbidden);
        await Call("AssignLiaison", "leader-li", HttpMethod.Post, $"/api/projects/{code}/liaison", new { liaison = "nobody" }, HttpStatusCode.BadRequest, Rules.UnknownLiaison);

        var first = await Call("GetProjectHistory", "ent-rail", HttpMethod.Get, $"/api/projects/{code}/history?limit=2", null, HttpStatusCode.OK);
        var next = first.Body!["next"]!.GetValue<long>();
        await Call("GetProjectHistory", "ent-rail", HttpMethod.Get, $"/api/projects/{code}/history?after={next}&limit=500", null, HttpStatusCode.OK);
        var newest = await Call("GetProjectHistory", "ent-rail", HttpMethod.Get, $"/api/projects/{code}/history?order=desc&limit=3", null, HttpStatusCode.OK);
        Assert.Contains(newest.Body!["items"]!.AsArray(), item => item!["facts"] is JsonObject);
        await Call("GetProjectHistory", "ent-rail", HttpMethod.Get, $"/api/projects/{code}/history?limit=0", null, HttpStatusCode.BadRequest, Rules.LimitOutOfRange);
        await Call("GetProjectHistory", "ent-rail", HttpMethod.Get, $"/api/projects/{code}/history?order=desc&after=1", null, HttpStatusCode.BadRequest, Rules.InvalidCursor);
        await Call("GetProjectHistory", "ent-park", HttpMethod.Get, $"/api/projects/{code}/history", null, HttpStatusCode.NotFound);

        await Call("VerifyHistory", "admin", HttpMethod.Get, $"/api/admin/history/verify?project={code}", null, HttpStatusCode.OK);
        await Call("VerifyHistory", "admin", HttpMethod.Get, "/api/admin/history/verify?limit=5", null, HttpStatusCode.OK);
        await Call("VerifyHistory", "admin", HttpMethod.Get, "/api/admin/history/verify?limit=0", null, HttpStatusCode.BadRequest);
        await Call("VerifyHistory", "leader-li", HttpMethod.Get, $"/api/admin/history/verify?project={code}", null, HttpStatusCode.Forbidden, Rules.RoleForbidden);

        await Call("WithdrawProject", "off-drc", HttpMethod.Post, $"/api/projects/{code}/withdraw", new { reason = "不是业主" }, HttpStatusCode.Forbidden);
        await Call("WithdrawProject", "ent-rail", HttpMethod.Post, $"/api/projects/{code}/withdraw", new { reason = "线位调整" }, HttpStatusCode.OK);
        await Call("WithdrawProject", "ent-rail", HttpMethod.Post, $"/api/projects/{code}/withdraw", new { reason = "再次撤回" }, HttpStatusCode.Conflict, Rules.ProjectClosed);
        await Call("ActOnStep", "off-nr", HttpMethod.Post, $"/api/projects/{code}/steps/survey/start", null, HttpStatusCode.Conflict, Rules.ProjectClosed);
    }

    [Fact]
    public async Task Quota_ThroughPrism_ConformsToTheDocument()
    {
        var lot = new { lotId = $"L-{Guid.NewGuid():N}", source = "土地整治", areaMu = 30, paddyMu = 10, grade = 6, certifiedOn = "2025-06-30" };
        await Call("DepositQuotaLot", "admin", HttpMethod.Post, "/api/quota/330503/lots", lot, HttpStatusCode.Created);
        await Call("DepositQuotaLot", "admin", HttpMethod.Post, "/api/quota/330503/lots", lot, HttpStatusCode.OK);
        await Call("DepositQuotaLot", "off-nr", HttpMethod.Post, "/api/quota/330503/lots", lot, HttpStatusCode.Forbidden, Rules.RoleForbidden);

        await Call("GetQuotaPool", "off-nr", HttpMethod.Get, "/api/quota/330503", null, HttpStatusCode.OK);
        await Call("GetQuotaPool", "ent-nanxun", HttpMethod.Get, "/api/quota/330503", null, HttpStatusCode.Forbidden, Rules.RoleForbidden);
        await Call("GetQuotaPool", "off-nr-changxing", HttpMethod.Get, "/api/quota/330503", null, HttpStatusCode.Forbidden, Rules.QuotaCountyForbidden);
        await Call("GetQuotaPool", "admin", HttpMethod.Get, "/api/quota/999999", null, HttpStatusCode.NotFound);

        var transferId = $"T-{Guid.NewGuid():N}";
        var transfer = new { transferId, from = "330503", to = "330521", areaMu = 2, paddyMu = 1, price = 120000, approvedBy = "李局长" };
        await Call("TransferQuota", "admin", HttpMethod.Post, "/api/quota/transfers", transfer, HttpStatusCode.OK);
        await Call("TransferQuota", "admin", HttpMethod.Post, "/api/quota/transfers", transfer, HttpStatusCode.OK);
        await Call("TransferQuota", "admin", HttpMethod.Post, "/api/quota/transfers", transfer with { areaMu = 3 }, HttpStatusCode.Conflict, Rules.TransferConflict);
        await Call("TransferQuota", "admin", HttpMethod.Post, "/api/quota/transfers", transfer with { transferId = $"T-{Guid.NewGuid():N}", to = "330503" }, HttpStatusCode.BadRequest, Rules.InvalidTransfer);
        await Call("TransferQuota", "leader-li", HttpMethod.Post, "/api/quota/transfers", transfer, HttpStatusCode.Forbidden, Rules.RoleForbidden);
    }

    [Fact]
    public async Task DevelopmentRoutesAndAuthentication_ThroughPrism_ConformToTheDocument()
    {
        await Call("ListDemoUsers", null, HttpMethod.Get, "/api/dev/users", null, HttpStatusCode.OK);
        await Call("IssueDevToken", null, HttpMethod.Post, "/api/dev/token", new { user = "off-nr" }, HttpStatusCode.OK);
        await Call("IssueDevToken", null, HttpMethod.Post, "/api/dev/token", new { user = "nobody" }, HttpStatusCode.NotFound);
        await Call("GetDevClock", null, HttpMethod.Get, "/api/dev/clock", null, HttpStatusCode.OK);
        await Call("MoveDevClock", null, HttpMethod.Post, "/api/dev/clock", new { advance = "PT1M" }, HttpStatusCode.OK);
        await Call("MoveDevClock", null, HttpMethod.Post, "/api/dev/clock", new { advance = "P1M" }, HttpStatusCode.BadRequest);
        await Call("MoveDevClock", null, HttpMethod.Post, "/api/dev/clock", new { now = "2000-01-01T00:00:00+08:00" }, HttpStatusCode.Conflict, DevClockBackwards);

        // A forged token gets as far as the gateway, which refuses it.
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        forged.Headers.Authorization = new("Bearer", "e30.e30.c2ln");
        var answer = await SendAsync("GetMe", await proxy.ThroughPrismAsync(null), forged);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
    }

    [Fact]
    public async Task RateLimit_ThroughPrism_AnswersTheDocumented429()
    {
        // ent-anji is used by no other test: its read bucket is this test's alone. The bucket refills a read a second,
        // so the bound leaves room for calls through Prism that are slow on a loaded machine (46 calls once took 10 s
        // in CI and never emptied it); only a bucket that never empties gets through 4 × the burst.
        Answer? last = null;
        for (var i = 0; i < 4 * ContractHost.ReadBurst && last?.Status != HttpStatusCode.TooManyRequests; i++)
        {
            last = await Call("GetMe", "ent-anji", HttpMethod.Get, "/api/me", null, expected: null);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.Status);
        Assert.Equal("rate-limited", last.Rule);
        Assert.True(last.Response.Headers.RetryAfter is not null, "429 without Retry-After");
        AssertRuleDocumented("GetMe", last);
    }

    [Fact]
    public async Task RefusalsOfRequestsTheDocumentForbids_PrismRefusesThemAndTheGatewayNamesTheRule()
    {
        var code = await RegisterAsync();
        var requests = new (string OperationId, string User, HttpMethod Method, string Path, string? Body, string? Rule, string? Field)[]
        {
            ("ActOnStep", "off-drc", HttpMethod.Post, $"/api/projects/{code}/steps/approval/fly", null, Rules.UnknownAction, null),
            ("ActOnStep", "off-drc", HttpMethod.Post, $"/api/projects/{code}/steps/approval/start", "{\"reason\": ", "malformed-json", null),
            ("ActOnStep", "off-drc", HttpMethod.Post, $"/api/projects/{code}/steps/approval/start", "{\"facts\": [1]}", Rules.FactInvalid, null),
            ("GetProjectHistory", "ent-rail", HttpMethod.Get, $"/api/projects/{code}/history?order=sideways", null, Rules.InvalidOrder, null),
            ("RegisterProject", "ent-rail", HttpMethod.Post, "/api/projects", "{\"name\": \"缺项目\"}", null, "ownerUscc"),
            ("DepositQuotaLot", "admin", HttpMethod.Post, "/api/quota/330503/lots", "{\"lotId\": \"L-half\"}", null, "areaMu"),
            ("IssueDevToken", "admin", HttpMethod.Post, "/api/dev/token", "{}", null, "user"),
        };
        foreach (var (operationId, user, method, path, body, rule, field) in requests)
        {
            // The document already rules the request out, so a client generated from it cannot send it (Prism does not
            // answer JSON it cannot parse at all, so that one is only sent directly) ...
            if (rule != "malformed-json")
            {
                using var viaPrism = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                using var prismed = await (await proxy.ThroughPrismAsync(user)).SendAsync(viaPrism);
                Assert.True(prismed.StatusCode == HttpStatusCode.UnprocessableEntity, $"Prism let {method} {path} {body} through: {(int)prismed.StatusCode}");
            }

            // ... and the gateway, sent it anyway, answers the documented status with the rule, or names the field.
            using var direct = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            using var response = await (await proxy.DirectAsync(user)).SendAsync(direct);
            var answer = await Answer.ReadAsync(response);
            Assert.True(answer.Status == HttpStatusCode.BadRequest && answer.Rule == rule, $"{method} {path} {body}: {(int)answer.Status} {answer.Text}");
            Assert.True(field is null || answer.Body?["errors"]?[field] is not null, $"{method} {path} {body}: no error for {field}: {answer.Text}");
            AssertRuleDocumented(operationId, answer);
        }
    }

    private const string DevClockBackwards = "clock-backwards";

    private async Task<string> RegisterAsync()
    {
        var registered = await Call("RegisterProject", "ent-rail", HttpMethod.Post, "/api/projects", Registration(), HttpStatusCode.Created);
        return registered.Body!["code"]!.GetValue<string>();
    }

    private static Dictionary<string, object?> Registration(string? code = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = "湖州市域铁路示范段",
            ["ownerUscc"] = RailUscc,
            ["county"] = "330502",
            ["type"] = "rail",
            ["track"] = "batch",
            ["areaMu"] = 200,
            ["cultivatedMu"] = 100,
            ["paddyMu"] = 40,
            ["grade"] = 7,
            ["permanentBasicFarmland"] = false,
            ["households"] = 12,
            ["supplyMode"] = "allocation",
        };
        if (code is not null)
        {
            body["code"] = code;
        }

        return body;
    }

    /// <summary>Sends through Prism and checks the answer against the document: no violation, the expected status, and
    /// (for a problem) a response the operation documents, whose <c>x-rules</c> list the rule answered.</summary>
    private async Task<Answer> Call(string operationId, string? user, HttpMethod method, string path, object? body, HttpStatusCode? expected, string? rule = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Answer.Json(body) };
        var answer = await SendAsync(operationId, await proxy.ThroughPrismAsync(user), request);
        if (expected is { } status)
        {
            Assert.True(answer.Status == status, $"{method} {path} as {user}: expected {(int)status}, got {(int)answer.Status}: {Shorten(answer.Text)}");
        }

        if (rule is not null)
        {
            Assert.True(answer.Rule == rule, $"{method} {path} as {user}: expected rule {rule}, got {answer.Rule}: {Shorten(answer.Text)}");
        }

        return answer;
    }

    private async Task<Answer> SendAsync(string operationId, HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var answer = await Answer.ReadAsync(response);
        var target = $"{request.Method} {request.RequestUri}";
        Assert.False(
            response.Headers.TryGetValues("sl-violations", out var violations),
            $"Prism found violations of the document in {target}: {string.Join(" ", violations ?? [])}");
        Assert.False(
            answer.Member("type")?.Contains("stoplight", StringComparison.Ordinal) == true,
            $"Prism refused {target} ({(int)answer.Status}) as breaking the document: {Shorten(answer.Text)}\n{Tail(proxy.Prism.Log)}");
        if ((int)answer.Status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            AssertRuleDocumented(operationId, answer);
        }

        return answer;
    }

    /// <summary>The operation documents the answer's status, and the rule answered is among those it lists for it.</summary>
    private void AssertRuleDocumented(string operationId, Answer answer)
    {
        var operation = proxy.Document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .Select(method => method.Value)
            .Single(op => op.TryGetProperty("operationId", out var id) && id.GetString() == operationId);
        var status = ((int)answer.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(operation.GetProperty("responses").TryGetProperty(status, out var response), $"{operationId} does not document {status}: {Shorten(answer.Text)}");
        if (answer.Rule is { } rule)
        {
            var listed = response.TryGetProperty("x-rules", out var rules) ? rules.EnumerateArray().Select(r => r.GetString()).ToList() : [];
            Assert.True(listed.Contains(rule), $"{operationId} answered {status} with rule '{rule}', which its document does not list ({string.Join(", ", listed)}).");
        }
    }

    private static string Shorten(string text) => text.Length <= 1500 ? text : text[..1500] + "...";

    private static string Tail(string log) => log.Length <= 3000 ? log : log[^3000..];
}
