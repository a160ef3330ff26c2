using System.Text.Json;
using Workflow.Api.Client.Tests.Generated;
using StepAction = Workflow.Api.Client.Tests.Generated.Action;

namespace Workflow.Api.Client.Tests;

/// <summary>
/// A client NSwag generated from docs/openapi.json at build time drives a project's life against the real host: every
/// call goes through generated code, and every refusal is read as the document's typed problem with its <c>rule</c>.
/// </summary>
public sealed class GeneratedClientTests(ClientHost host) : IClassFixture<ClientHost>
{
    private const string RailUscc = "91330500MA2JTR010T";

    [Fact]
    public async Task ProjectLife_ThroughGeneratedClient_RegistersActsAndReadsHistory()
    {
        var rail = await host.AsAsync("ent-rail");
        var drc = await host.AsAsync("off-drc");

        var registered = await rail.RegisterProjectAsync(Registration());
        Assert.Equal(RailUscc, registered.OwnerUscc);
        Assert.Contains(registered.Steps, step => step.Key == "approval");

        var read = await rail.GetProjectAsync(registered.Code);
        Assert.Equal(registered.Code, read.Code);
        Assert.Equal("湖州市域铁路示范段", read.Name);

        var afterDocument = await rail.SubmitDocumentAsync(registered.Code, new DocumentRequest { Key = "project-proposal" });
        Assert.DoesNotContain(afterDocument.MissingDocuments, missing => missing.Key == "project-proposal");

        var started = await drc.ActOnStepAsync(
            registered.Code, "approval", StepAction.Start,
            new StepActionRequest { Reason = "受理", Facts = new Dictionary<string, object> { ["note"] = "窗口受理" } });
        Assert.Equal("inProgress", started.Steps.Single(step => step.Key == "approval").State);
        var completed = await drc.ActOnStepAsync(registered.Code, "approval", StepAction.Complete, new StepActionRequest { Reason = "批复" });
        Assert.NotNull(completed.Steps.Single(step => step.Key == "approval").CompletedAt);

        // Paged forward two at a time until the cursor runs out: every event once, in order.
        var paged = new List<HistoryItem>();
        long? after = null;
        do
        {
            var page = await rail.GetProjectHistoryAsync(registered.Code, after, before: null, limit: 2, order: Order.Asc);
            Assert.InRange(page.Items.Count, 0, 2);
            paged.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        var newest = await rail.GetProjectHistoryAsync(registered.Code, after: null, before: null, limit: 500, order: Order.Desc);
        Assert.True(paged.Count > 2, $"only {paged.Count} events");
        Assert.Equal(newest.Items.Select(item => item.Seq).Reverse(), paged.Select(item => item.Seq));
        var act = paged.Single(item => item.Step == "approval" && item.Reason == "受理");
        Assert.Equal("窗口受理", ((JsonElement)act.Facts!.AdditionalProperties["note"]).GetString());
    }

    [Fact]
    public async Task Refusals_ThroughGeneratedClient_AreTypedProblemsWithTheirRule()
    {
        var rail = await host.AsAsync("ent-rail");
        var nr = await host.AsAsync("off-nr");
        var drc = await host.AsAsync("off-drc");
        var code = (await rail.RegisterProjectAsync(Registration())).Code;

        var setCode = Registration();
        setCode.Code = "2601-330502-04-01-000019";
        var forbidden = await Assert.ThrowsAsync<LandFlowApiException<ProblemDetails>>(() => rail.RegisterProjectAsync(setCode));
        AssertProblem(forbidden, 403, "registration-field-forbidden");

        var wrongDepartment = await Assert.ThrowsAsync<LandFlowApiException<ProblemDetails>>(
            () => nr.ActOnStepAsync(code, "approval", StepAction.Start, new StepActionRequest { Reason = "越权" }));
        AssertProblem(wrongDepartment, 403, "wrong-department");

        // An action the document does not list (as a client generated from an older or newer document might send):
        // the generated code writes an unnamed enum value as its number.
        var unknown = await Assert.ThrowsAsync<LandFlowApiException<ProblemDetails>>(
            () => drc.ActOnStepAsync(code, "approval", (StepAction)99, new StepActionRequest()));
        AssertProblem(unknown, 400, "unknown-action");

        var notVisible = await Assert.ThrowsAsync<LandFlowApiException<ProblemDetails>>(
            async () => await (await host.AsAsync("ent-park")).GetProjectAsync(code));
        Assert.Equal(404, notVisible.StatusCode);

        // None of the refusals changed the project.
        var after = await rail.GetProjectAsync(code);
        Assert.Null(after.Steps.Single(step => step.Key == "approval").StartedAt);
    }

    private static void AssertProblem(LandFlowApiException<ProblemDetails> refusal, int status, string rule)
    {
        Assert.Equal(status, refusal.StatusCode);
        Assert.Equal(status, refusal.Result.Status);
        Assert.Equal(rule, refusal.Result.Rule);
        Assert.False(string.IsNullOrEmpty(refusal.Result.TraceId), refusal.Response);
    }

    private static RegisterProjectRequest Registration() => new()
    {
        Name = "湖州市域铁路示范段",
        OwnerUscc = RailUscc,
        County = "330502",
        Type = "rail",
        Track = "batch",
        AreaMu = 200,
        CultivatedMu = 100,
        PaddyMu = 40,
        Grade = 7,
        PermanentBasicFarmland = false,
        Households = 12,
        SupplyMode = "allocation",
    };
}
