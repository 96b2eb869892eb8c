using System.Security.Claims;
using Jarvis.Automation.Automations.Parsing;
using Jarvis.Automation.Automations.Runtime;
using Jarvis.Automation.Automations.Storage;
using Jarvis.Automation.Model;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jarvis.Automation.Apis;

public static class AutomationsApi
{
    public static IEndpointRouteBuilder MapAutomationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/automations").RequireAuthorization(InternalPolicies.User).WithTags("Automations")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("", ListAutomations).WithName(nameof(ListAutomations)).WithSummary("Automations, newest first.");
        api.MapGet("/{id}", GetAutomation).WithName(nameof(GetAutomation)).WithSummary("An automation with its versions.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("", CreateAutomation).WithName(nameof(CreateAutomation))
            .WithSummary("Create an automation (admins only) from Home Assistant's schema, as JSON or application/yaml; 400 names the path of each refused key or value.")
            .Accepts<Dictionary<string, object>>("application/json", "application/yaml").RequireAuthorization(InternalPolicies.Admin);
        api.MapPut("/{id}", UpdateAutomation).WithName(nameof(UpdateAutomation))
            .WithSummary("Save a new version (admins only); earlier versions are kept. Running runs are cancelled.")
            .Accepts<Dictionary<string, object>>("application/json", "application/yaml").RequireAuthorization(InternalPolicies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{id}", SetEnabled).WithName(nameof(SetEnabled)).WithSummary("Enable or disable (admins only); disabling cancels running runs.")
            .RequireAuthorization(InternalPolicies.Admin).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id}", DeleteAutomation).WithName(nameof(DeleteAutomation)).WithSummary("Delete with its versions and traces (admins only).")
            .RequireAuthorization(InternalPolicies.Admin).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/run", RunAutomation).WithName(nameof(RunAutomation)).WithSummary("Run the actions now (its mode applies): 202 with the run id.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id}/traces", ListTraces).WithName(nameof(ListTraces)).WithSummary("The automation's runs, newest first (the last Automation:Automations:TracesKept).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/traces/{runId}", GetTrace).WithName(nameof(GetTrace)).WithSummary("One run: trigger, variables, and each step by path with what it did or saw.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/import", ImportAutomations).WithName(nameof(ImportAutomations))
            .WithSummary("Import a Home Assistant automations.yaml (a list; admins only): each item created, or refused with its reasons.")
            .Accepts<List<Dictionary<string, object>>>("application/yaml", "application/json").RequireAuthorization(InternalPolicies.Admin)
            .WithMetadata(new RequestSizeLimitAttribute(DefinitionLimits.Default.MaxImportLength * 4L));
        return app;
    }

    public static async Task<Results<Ok<Page<AutomationView>>, ValidationProblem>> ListAutomations(string? limit, string? before, AutomationStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = InputRules.GuidPage(limit, before, errors);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await store.ListAsync(page, cancellationToken));
    }

    public static async Task<Results<Ok<AutomationView>, ValidationProblem, ProblemHttpResult>> GetAutomation(string id, AutomationStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (InputRules.Id(id, "id", errors) is not { } automationId)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await store.GetAsync(automationId, cancellationToken) is { } found ? TypedResults.Ok(found) : Problems.NotFound("automation");
    }

    public static async Task<Results<Created<AutomationView>, ValidationProblem>> CreateAutomation(HttpRequest request, ClaimsPrincipal user, AutomationStore store,
        AutomationCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (text, format) = await ReadBodyAsync(request, DefinitionLimits.Default.MaxDocumentLength, cancellationToken);
        var result = text is null ? DefinitionResult.Refused("$", "the body is too large") : DefinitionReader.Parse(text);
        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(Errors(result));
        }

        var id = await store.CreateAsync(result.Definition!.Alias, result.Json!, text!, format, user.UserId(), cancellationToken);
        await catalog.ReloadAsync(id, cancellationToken);
        return TypedResults.Created($"/api/automations/{id}", await store.GetAsync(id, cancellationToken));
    }

    public static async Task<Results<Ok<AutomationView>, ValidationProblem, ProblemHttpResult>> UpdateAutomation(string id, HttpRequest request, ClaimsPrincipal user,
        AutomationStore store, AutomationCatalog catalog, IGrainFactory grains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (InputRules.Id(id, "id", errors) is not { } automationId)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (text, format) = await ReadBodyAsync(request, DefinitionLimits.Default.MaxDocumentLength, cancellationToken);
        var result = text is null ? DefinitionResult.Refused("$", "the body is too large") : DefinitionReader.Parse(text);
        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(Errors(result));
        }

        if (await store.UpdateAsync(automationId, result.Definition!.Alias, result.Json!, text!, format, user.UserId(), cancellationToken) is null)
        {
            return Problems.NotFound("automation");
        }

        await ReloadAsync(automationId, catalog, grains, cancellationToken);
        return TypedResults.Ok((await store.GetAsync(automationId, cancellationToken))!);
    }

    public static async Task<Results<Ok<AutomationView>, ValidationProblem, ProblemHttpResult>> SetEnabled(string id, AutomationEnabledRequest? request,
        AutomationStore store, AutomationCatalog catalog, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var automationId = InputRules.Id(id, "id", errors);
        if (request?.Enabled is null)
        {
            errors["enabled"] = ["enabled is required: true or false."];
        }

        if (errors.Count > 0 || automationId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await store.SetEnabledAsync(automationId.Value, request!.Enabled!.Value, cancellationToken))
        {
            return Problems.NotFound("automation");
        }

        await ReloadAsync(automationId.Value, catalog, grains, cancellationToken);
        return TypedResults.Ok((await store.GetAsync(automationId.Value, cancellationToken))!);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAutomation(string id, AutomationStore store, AutomationCatalog catalog,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (InputRules.Id(id, "id", errors) is not { } automationId)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await catalog.ReloadAsync(automationId, cancellationToken);
        if (!await store.DeleteAsync(automationId, cancellationToken))
        {
            return Problems.NotFound("automation");
        }

        await ReloadAsync(automationId, catalog, grains, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Accepted<RunAccepted>, ValidationProblem, ProblemHttpResult>> RunAutomation(string id, RunAutomationRequest? request,
        AutomationCatalog catalog, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (InputRules.Id(id, "id", errors) is not { } automationId)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (catalog.Find(automationId) is not { } automation)
        {
            return Problems.NotFound("automation");
        }

        if (!automation.Enabled)
        {
            return Problems.Conflict("The automation is disabled.", "An admin can enable it (PATCH enabled: true).");
        }

        var runId = await grains.GetGrain<IAutomationGrain>(automationId).Run(request?.SkipConditions ?? false);
        return runId is { } started
            ? TypedResults.Accepted($"/api/automations/{automationId}/traces/{started}", new RunAccepted(started))
            : Problems.Conflict("The automation's mode refused the run.", $"It is {automation.Definition.Mode.ToString().ToLowerInvariant()} and at its limit (max {automation.Definition.Max}).");
    }

    public static async Task<Results<Ok<Page<RunSummary>>, ValidationProblem, ProblemHttpResult>> ListTraces(string id, string? limit, string? before, AutomationStore store,
        RunStore runs, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var automationId = InputRules.Id(id, "id", errors);
        var page = InputRules.GuidPage(limit, before, errors);
        if (errors.Count > 0 || automationId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await store.GetAsync(automationId.Value, cancellationToken) is null
            ? Problems.NotFound("automation")
            : TypedResults.Ok(await runs.ListAsync(automationId.Value, page, cancellationToken));
    }

    public static async Task<Results<Ok<RunTrace>, ValidationProblem, ProblemHttpResult>> GetTrace(string id, string runId, RunStore runs, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var automationId = InputRules.Id(id, "id", errors);
        var run = InputRules.Id(runId, "runId", errors);
        if (errors.Count > 0 || automationId is null || run is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await runs.GetAsync(automationId.Value, run.Value, cancellationToken) is { } trace ? TypedResults.Ok(trace) : Problems.NotFound("run");
    }

    public static async Task<Results<Ok<ImportResult>, ValidationProblem>> ImportAutomations(HttpRequest request, ClaimsPrincipal user, AutomationStore store,
        AutomationCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = DefinitionLimits.Default;
        var (text, _) = await ReadBodyAsync(request, limits.MaxImportLength, cancellationToken);
        string? error = "the file is too large";
        var root = text is null ? null : DefinitionDocument.Parse(text, limits with { MaxNodes = limits.MaxNodes * 50 }, limits.MaxImportLength, out error);
        if (root is not SequenceNode list)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [error ?? "an automations.yaml is a list of automations"] });
        }

        var items = new List<ImportItem>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var result = DefinitionReader.Read(list.Items[i], string.Empty);
            var alias = (list.Items[i] as MappingNode)?["alias"] is ScalarNode named ? named.Text : null;
            if (!result.Succeeded)
            {
                items.Add(new ImportItem(i, alias, null, Errors(result)));
                continue;
            }

            var source = result.Json!.ToJsonString();
            var id = await store.CreateAsync(result.Definition!.Alias, result.Json!, source, "json", user.UserId(), cancellationToken);
            await catalog.ReloadAsync(id, cancellationToken);
            items.Add(new ImportItem(i, result.Definition.Alias, id, null));
        }

        return TypedResults.Ok(new ImportResult(items.Count(i => i.Id is not null), items.Count(i => i.Id is null), items));
    }

    private static async Task ReloadAsync(Guid id, AutomationCatalog catalog, IGrainFactory grains, CancellationToken cancellationToken)
    {
        await catalog.ReloadAsync(id, cancellationToken);
        await grains.GetGrain<IAutomationGrain>(id).Reload();
    }

    /// <summary>The body as text (null beyond <paramref name="maxLength"/> characters) and its format by content type.</summary>
    private static async Task<(string? Text, string Format)> ReadBodyAsync(HttpRequest request, int maxLength, CancellationToken cancellationToken)
    {
        var format = request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true ? "yaml" : "json";
        using var reader = new StreamReader(request.Body);
        var buffer = new char[maxLength + 1];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += chunk;
        }

        return read > maxLength ? (null, format) : (new string(buffer, 0, read), format);
    }

    private static Dictionary<string, string[]> Errors(DefinitionResult result) =>
        result.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
