using System.Security.Claims;
using System.Text.Json;
using Jarvis.Automation.Devices;
using Jarvis.Automation.Devices.Commands;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Model;
using Jarvis.Automation.Storage;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Apis;

public static class CommandsApi
{
    private static readonly Dictionary<string, CommandKind> Kinds = new(StringComparer.Ordinal)
    {
        ["turn_on"] = CommandKind.TurnOn,
        ["turn_off"] = CommandKind.TurnOff,
        ["toggle"] = CommandKind.Toggle,
        ["set"] = CommandKind.Set,
    };

    public static IEndpointRouteBuilder MapCommandsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/devices").RequireAuthorization(InternalPolicies.User).WithTags("Commands")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/entities/{entityId}/commands", SendCommand).WithName(nameof(SendCommand))
            .WithSummary("Command an entity: 202 with sent (the broker has it) or queued (it goes when the broker is back, unless it expires first). "
                + "409 when the entity is disabled or unavailable; 422 when it is unsupported, invalid or read-only.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/commands/{id}", GetCommand).WithName(nameof(GetCommand))
            .WithSummary("Where a command stands: queued, sent, expired or failed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Accepted<CommandAccepted>, ValidationProblem, ProblemHttpResult>> SendCommand(
        string entityId, CommandRequest? request, ClaimsPrincipal user, DeviceStore devices, DeviceCatalog catalog, CommandStore commands,
        IOptions<DevicesOptions> options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var id = InputRules.EntityId(entityId, "entityId", errors);
        var command = Read(request, errors);
        if (errors.Count > 0 || id is null || command is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await devices.FindRowAsync(id, cancellationToken) is not { } row
            || await devices.GetEntityAsync(id, cancellationToken) is not { } view)
        {
            return Problems.NotFound("entity");
        }

        await catalog.EnsureLoadedAsync(cancellationToken);
        var entity = catalog.Find(new DiscoveryKey(row.Key));
        if (entity is null || entity.Support != EntitySupport.Supported || entity.Config is null)
        {
            return Problems.CannotCommand($"{id} cannot be commanded: it is {view.Support}.", view.Problem);
        }

        if (!entity.Config.AcceptsCommands)
        {
            return Problems.CannotCommand($"{id} is read-only.", $"A {entity.Component} without a command topic takes no commands.");
        }

        if (view.Disabled)
        {
            return Problems.Conflict($"{id} is disabled.", "An admin can enable it again (PATCH disabled: false).");
        }

        if (view.State.Available == false)
        {
            return Problems.Conflict($"{id} is unavailable.", "Its device or bridge says it is offline; try again when it is back.");
        }

        var translation = CommandTranslator.Translate(entity, command, view.State.Value);
        if (!translation.Succeeded)
        {
            errors[FieldOf(translation.Error!)] = [translation.Error!];
            return TypedResults.ValidationProblem(errors);
        }

        var body = JsonSerializer.Serialize(request!, AutomationJsonContext.Default.CommandRequest);
        var commandId = await commands.SendAsync(row.Row, id, body, translation.Messages, user.UserId(), cancellationToken);
        var status = await WaitForBrokerAsync(commands, commandId, options.Value.CommandSendWait, cancellationToken);
        return TypedResults.Accepted($"/api/devices/commands/{commandId}", new CommandAccepted(commandId, status));
    }

    public static async Task<Results<Ok<CommandStatus>, ValidationProblem, ProblemHttpResult>> GetCommand(
        string id, CommandStore commands, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var commandId = InputRules.Id(id, "id", errors);
        if (commandId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var found = await commands.GetAsync(commandId.Value, cancellationToken);
        return found is null ? Problems.NotFound("command") : TypedResults.Ok(found);
    }

    private static DeviceCommand? Read(CommandRequest? request, Dictionary<string, string[]> errors)
    {
        var kind = CommandKind.TurnOn;
        if (request?.Command is null || !Kinds.TryGetValue(request.Command, out kind))
        {
            errors["command"] = ["command is required: turn_on, turn_off, toggle or set."];
        }

        if (request?.Brightness is < 0 or > 255)
        {
            errors["brightness"] = ["brightness must be 0..255."];
        }

        if (request?.Position is < 0 or > 100)
        {
            errors["position"] = ["position must be 0..100."];
        }

        if (request?.ColorTemp is <= 0 or > 1_000_000)
        {
            errors["colorTemp"] = ["colorTemp must be a positive number of mireds."];
        }

        object? value = null;
        if (request?.Value is { } raw)
        {
            switch (raw.ValueKind)
            {
                case JsonValueKind.String when StorableText.IsStorable(raw.GetString()) && raw.GetString()!.Length <= 255:
                    value = raw.GetString();
                    break;
                case JsonValueKind.Number:
                    value = raw.TryGetInt64(out var whole) ? (object)whole : raw.GetDouble();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    errors["value"] = ["value must be a number or a string of at most 255 characters."];
                    break;
            }
        }

        return errors.Count > 0 ? null : new DeviceCommand(kind, request!.Brightness, request.ColorTemp, request.Position, value);
    }

    /// <summary>The field a translation error is about, so that the 400 names it.</summary>
    private static string FieldOf(string error)
    {
        var lower = error.ToLowerInvariant();
        return lower.Contains("brightness", StringComparison.Ordinal) ? "brightness"
            : lower.Contains("position", StringComparison.Ordinal) ? "position"
            : lower.Contains("colortemp", StringComparison.Ordinal) || lower.Contains("color_temp", StringComparison.Ordinal) || lower.Contains("mired", StringComparison.Ordinal) ? "colorTemp"
            : lower.Contains("does not take", StringComparison.Ordinal) ? "command"
            : "value";
    }

    private static async Task<string> WaitForBrokerAsync(CommandStore commands, Guid id, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            var status = (await commands.GetAsync(id, cancellationToken))?.Status ?? "queued";
            if (status == "sent" || DateTimeOffset.UtcNow >= deadline)
            {
                return status == "sent" ? "sent" : "queued";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }
}
