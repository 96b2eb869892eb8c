using Jarvis.Automation.Model;
using Jarvis.Automation.Storage;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Jarvis.Automation.Apis;

public static class AreasApi
{
    public static IEndpointRouteBuilder MapAreasApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/devices/areas").RequireAuthorization(InternalPolicies.User).WithTags("Areas")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("", ListAreas).WithName(nameof(ListAreas)).WithSummary("Areas (rooms), newest first.");
        api.MapPost("", CreateArea).WithName(nameof(CreateArea)).WithSummary("Create an area (admins only); names are unique without regard to case.")
            .RequireAuthorization(InternalPolicies.Admin).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPatch("/{id}", RenameArea).WithName(nameof(RenameArea)).WithSummary("Rename an area (admins only).")
            .RequireAuthorization(InternalPolicies.Admin).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{id}", DeleteArea).WithName(nameof(DeleteArea))
            .WithSummary("Delete an area (admins only); its devices and entities are left without one.")
            .RequireAuthorization(InternalPolicies.Admin).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<Page<Area>>, ValidationProblem>> ListAreas(
        string? limit, string? before, AreaStore areas, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = InputRules.GuidPage(limit, before, errors);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await areas.ListAsync(page, cancellationToken));
    }

    public static async Task<Results<Created<Area>, ValidationProblem, ProblemHttpResult>> CreateArea(
        AreaRequest? request, AreaStore areas, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = InputRules.Name(request?.Name, "name", clearable: false, errors);
        if (name is null)
        {
            errors.TryAdd("name", ["name is required and must not be blank."]);
        }

        if (errors.Count > 0 || name is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await areas.CreateAsync(name, cancellationToken);
        return created is null
            ? Problems.Conflict($"An area named '{name}' exists already.")
            : TypedResults.Created($"/api/devices/areas/{created.Id}", created);
    }

    public static async Task<Results<Ok<Area>, ValidationProblem, ProblemHttpResult>> RenameArea(
        string id, AreaRequest request, AreaStore areas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var areaId = InputRules.Id(id, "id", errors);
        var name = InputRules.Name(request.Name, "name", clearable: false, errors);
        if (name is null)
        {
            errors.TryAdd("name", ["name is required and must not be blank."]);
        }

        if (errors.Count > 0 || areaId is null || name is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var renamed = await areas.RenameAsync(areaId.Value, name, cancellationToken);
            return renamed is null ? Problems.NotFound("area") : TypedResults.Ok(renamed);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problems.Conflict($"An area named '{name}' exists already.");
        }
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteArea(
        string id, AreaStore areas, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var areaId = InputRules.Id(id, "id", errors);
        if (areaId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await areas.DeleteAsync(areaId.Value, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("area");
    }
}
