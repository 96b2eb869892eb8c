using Jarvis.Automation.Model;
using Jarvis.Automation.Storage;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Automation.Apis;

public static class DevicesApi
{
    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/devices").RequireAuthorization(InternalPolicies.User).WithTags("Devices")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("", ListDevices).WithName(nameof(ListDevices))
            .WithSummary("Devices with their entities, newest first; limit is clamped to 1..1000 (default 50).");
        api.MapGet("/{id}", GetDevice).WithName(nameof(GetDevice)).WithSummary("One device with its entities.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{id}", UpdateDevice).WithName(nameof(UpdateDevice))
            .WithSummary("Rename a device or put it in an area (admins only); \"\" clears either.")
            .RequireAuthorization(InternalPolicies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<Page<Device>>, ValidationProblem>> ListDevices(
        string? limit, string? before, DeviceStore devices, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = InputRules.GuidPage(limit, before, errors);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await devices.ListDevicesAsync(page, cancellationToken));
    }

    public static async Task<Results<Ok<Device>, ValidationProblem, ProblemHttpResult>> GetDevice(
        string id, DeviceStore devices, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var deviceId = InputRules.Id(id, "id", errors);
        if (deviceId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var found = await devices.GetDeviceAsync(deviceId.Value, cancellationToken);
        return found is null ? Problems.NotFound("device") : TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<Device>, ValidationProblem, ProblemHttpResult>> UpdateDevice(
        string id, UpdateDeviceRequest request, DeviceStore devices, AreaStore areas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var deviceId = InputRules.Id(id, "id", errors);
        var name = InputRules.Name(request.Name, "name", clearable: true, errors);
        var (area, clearArea) = InputRules.AreaRef(request.Area, errors);
        if (area is { } areaId && !await areas.ExistsAsync(areaId, cancellationToken))
        {
            errors["area"] = ["area names no area; create it first (POST /api/devices/areas)."];
        }

        if (errors.Count > 0 || deviceId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var updated = await devices.UpdateDeviceAsync(deviceId.Value, name, area, clearArea, cancellationToken);
        return updated is null ? Problems.NotFound("device") : TypedResults.Ok(updated);
    }
}
