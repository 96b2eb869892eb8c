using Jarvis.Automation.Model;
using Jarvis.Automation.Storage;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Automation.Apis;

public static class EntitiesApi
{
    public static IEndpointRouteBuilder MapEntitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/devices/entities").RequireAuthorization(InternalPolicies.User).WithTags("Entities")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("", ListEntities).WithName(nameof(ListEntities))
            .WithSummary("Entities (unsupported ones too, with their problem), newest first, optionally of one area or component.");
        api.MapGet("/{entityId}", GetEntity).WithName(nameof(GetEntity)).WithSummary("One entity with its current state.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{entityId}", UpdateEntity).WithName(nameof(UpdateEntity))
            .WithSummary("Rename an entity, put it in an area, set its aliases or disable it (admins only); \"\" clears the name or area.")
            .RequireAuthorization(InternalPolicies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{entityId}/history", GetHistory).WithName(nameof(GetHistory))
            .WithSummary("The entity's state history, newest first, between from and to (ISO 8601); kept for Automation:Devices:HistoryRetention.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<Page<DeviceEntity>>, ValidationProblem>> ListEntities(
        string? area, string? component, string? limit, string? before, DeviceStore devices, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var areaId = area is null ? null : InputRules.Id(area, "area", errors);
        var componentName = InputRules.Component(component, errors);
        var page = InputRules.EntityPage(limit, before, errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await devices.ListEntitiesAsync(areaId, componentName, page, cancellationToken));
    }

    public static async Task<Results<Ok<DeviceEntity>, ValidationProblem, ProblemHttpResult>> GetEntity(
        string entityId, DeviceStore devices, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var id = InputRules.EntityId(entityId, "entityId", errors);
        if (id is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var found = await devices.GetEntityAsync(id, cancellationToken);
        return found is null ? Problems.NotFound("entity") : TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<DeviceEntity>, ValidationProblem, ProblemHttpResult>> UpdateEntity(
        string entityId, UpdateEntityRequest request, DeviceStore devices, AreaStore areas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var id = InputRules.EntityId(entityId, "entityId", errors);
        var name = InputRules.Name(request.Name, "name", clearable: true, errors);
        var aliases = InputRules.Aliases(request.Aliases, errors);
        var (area, clearArea) = InputRules.AreaRef(request.Area, errors);
        if (area is { } areaId && !await areas.ExistsAsync(areaId, cancellationToken))
        {
            errors["area"] = ["area names no area; create it first (POST /api/devices/areas)."];
        }

        if (errors.Count > 0 || id is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var updated = await devices.UpdateEntityAsync(id, request with { Name = name, Aliases = aliases }, area, clearArea, cancellationToken);
        return updated is null ? Problems.NotFound("entity") : TypedResults.Ok(updated);
    }

    public static async Task<Results<Ok<Page<StateEvent>>, ValidationProblem, ProblemHttpResult>> GetHistory(
        string entityId, string? from, string? to, string? limit, string? before, DeviceStore devices, StateHistoryReader history,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var id = InputRules.EntityId(entityId, "entityId", errors);
        var start = InputRules.Timestamp(from, "from", errors);
        var end = InputRules.Timestamp(to, "to", errors);
        if (start > end)
        {
            errors["to"] = ["to must not be before from."];
        }

        var page = InputRules.SequencePage(limit, before, errors);
        if (errors.Count > 0 || id is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await devices.FindRowAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound("entity");
        }

        return TypedResults.Ok(await history.ForEntityAsync(id, start, end, page, cancellationToken));
    }
}
