using Jarvis.Monitor.Engine;
using Jarvis.Monitor.Model;
using Jarvis.Monitor.Storage;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Monitor.Apis;

public static class ChecksApi
{
    public static IEndpointRouteBuilder MapChecksApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/monitor/checks").RequireAuthorization(InternalPolicies.User).WithTags("Checks")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        read.MapGet("", ListChecks).WithName(nameof(ListChecks)).WithSummary("Every check, built-in ones first, then by id.");
        read.MapGet("/{id}", GetCheck).WithName(nameof(GetCheck)).WithSummary("One check's definition.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var admin = app.MapGroup("/api/monitor/checks").RequireAuthorization(InternalPolicies.Admin).WithTags("Checks")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("", CreateCheck).WithName(nameof(CreateCheck))
            .WithSummary("Define a check (kind http, tcp, dns, tls or mqtt); unset numbers take their defaults.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPut("/{id}", ReplaceCheck).WithName(nameof(ReplaceCheck)).WithSummary("Replace a check's definition.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/{id}", DeleteCheck).WithName(nameof(DeleteCheck)).WithSummary("Delete a check; its open incident is closed, its history kept.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id}/pause", PauseCheck).WithName(nameof(PauseCheck)).WithSummary("Stop checking until resumed (shown as paused).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id}/resume", ResumeCheck).WithName(nameof(ResumeCheck)).WithSummary("Check again.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<Page<CheckDefinition>>> ListChecks(
        Checks.BuiltInChecks builtIn, CheckStore store, CancellationToken cancellationToken)
    {
        var builtIns = builtIn.All();
        var ids = builtIns.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var stored = (await store.AllAsync(cancellationToken)).Where(c => !ids.Contains(c.Id));
        List<CheckDefinition> all = [.. builtIns, .. stored];
        return TypedResults.Ok(new Page<CheckDefinition>(all, all.Count, null));
    }

    public static async Task<Results<Ok<CheckDefinition>, ValidationProblem, ProblemHttpResult>> GetCheck(
        string id, Checks.BuiltInChecks builtIn, CheckStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        InputRules.CheckIdentifier(id, "id", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var check = builtIn.All().FirstOrDefault(c => c.Id == id) ?? await store.FindAsync(id, cancellationToken);
        return check is null ? Problems.NotFound("check") : TypedResults.Ok(check);
    }

    public static async Task<Results<Created<CheckDefinition>, ValidationProblem, ProblemHttpResult>> CreateCheck(
        CheckRequest? request, Checks.BuiltInChecks builtIn, CheckStore store, CheckScheduler scheduler, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var check = InputRules.Check(request, null, errors);
        if (check is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (builtIn.All().Any(c => c.Id == check.Id) || !await store.CreateAsync(check, cancellationToken))
        {
            return Problems.Conflict($"A check named '{check.Id}' exists.");
        }

        scheduler.ReloadNow();
        return TypedResults.Created($"/api/monitor/checks/{check.Id}", check);
    }

    public static async Task<Results<Ok<CheckDefinition>, ValidationProblem, ProblemHttpResult>> ReplaceCheck(
        string id, CheckRequest? request, Checks.BuiltInChecks builtIn, CheckStore store, CheckScheduler scheduler, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        InputRules.CheckIdentifier(id, "id", errors);
        if (request?.Id is { } bodyId && bodyId != id)
        {
            errors["id"] = ["The body's id must match the path's (a check is renamed by creating a new one)."];
        }

        var check = errors.Count == 0 ? InputRules.Check(request, id, errors) : null;
        if (check is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (builtIn.All().Any(c => c.Id == id))
        {
            return Problems.Conflict("Built-in checks come from the AppHost's model; set Monitor:BuiltIn to change them.");
        }

        if (!await store.UpdateAsync(check, cancellationToken))
        {
            return Problems.NotFound("check");
        }

        scheduler.ReloadNow();
        return TypedResults.Ok(check);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteCheck(
        string id, Checks.BuiltInChecks builtIn, CheckStore store, CheckScheduler scheduler, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        InputRules.CheckIdentifier(id, "id", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (builtIn.All().Any(c => c.Id == id))
        {
            return Problems.Conflict("Built-in checks cannot be deleted; list their ids in Monitor:BuiltIn:Exclude.");
        }

        if (!await store.DeleteAsync(id, cancellationToken))
        {
            return Problems.NotFound("check");
        }

        scheduler.ReloadNow();
        return TypedResults.NoContent();
    }

    public static Task<Results<Ok<CheckDefinition>, ValidationProblem, ProblemHttpResult>> PauseCheck(
        string id, Checks.BuiltInChecks builtIn, CheckStore store, CheckScheduler scheduler, CancellationToken cancellationToken) =>
        SetPausedAsync(id, true, builtIn, store, scheduler, cancellationToken);

    public static Task<Results<Ok<CheckDefinition>, ValidationProblem, ProblemHttpResult>> ResumeCheck(
        string id, Checks.BuiltInChecks builtIn, CheckStore store, CheckScheduler scheduler, CancellationToken cancellationToken) =>
        SetPausedAsync(id, false, builtIn, store, scheduler, cancellationToken);

    private static async Task<Results<Ok<CheckDefinition>, ValidationProblem, ProblemHttpResult>> SetPausedAsync(
        string id, bool paused, Checks.BuiltInChecks builtIn, CheckStore store, CheckScheduler scheduler, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        InputRules.CheckIdentifier(id, "id", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (builtIn.All().Any(c => c.Id == id))
        {
            return Problems.Conflict("Built-in checks cannot be paused; list their ids in Monitor:BuiltIn:Exclude.");
        }

        var check = await store.FindAsync(id, cancellationToken);
        if (check is null)
        {
            return Problems.NotFound("check");
        }

        var changed = check with { Paused = paused };
        await store.UpdateAsync(changed, cancellationToken);
        scheduler.ReloadNow();
        return TypedResults.Ok(changed);
    }
}
