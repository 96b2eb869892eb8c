using System.Globalization;
using Jarvis.Monitor.Alerts;
using Jarvis.Monitor.Model;
using Jarvis.Monitor.Storage;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Monitor.Apis;

public static class ChannelsApi
{
    public const int MinSecretLength = 16;

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/monitor/channels").RequireAuthorization(InternalPolicies.Admin).WithTags("Alert channels")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("", ListChannels).WithName(nameof(ListChannels))
            .WithSummary("The alert channels. Every alert also goes to MQTT jarvis/alerts/<check> without one.");
        api.MapPost("", CreateChannel).WithName(nameof(CreateChannel))
            .WithSummary("Add a channel: webhook (url, optional secret of 16+ characters that signs each body with HMAC-SHA256 "
                + "in X-Jarvis-Signature), mqtt (url: a topic prefix, alerts go to <prefix>/<check>) or chat (a message to admins).");
        api.MapPut("/{id}", ReplaceChannel).WithName(nameof(ReplaceChannel)).WithSummary("Replace a channel; a secret left out is kept.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id}", DeleteChannel).WithName(nameof(DeleteChannel)).WithSummary("Delete a channel and its deliveries.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/test", TestChannel).WithName(nameof(TestChannel))
            .WithSummary("Send a test alert through this channel (by the leading replica, within a second); see its deliveries for the outcome.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/monitor/deliveries", ListDeliveries).WithName(nameof(ListDeliveries)).WithTags("Alert channels")
            .RequireAuthorization(InternalPolicies.Admin)
            .WithSummary("Alert deliveries newest first, with attempts and the last error (failures stay visible); filter by channel (UUID) or check; "
                + "limit is clamped to 1..1000 (default 50); pass nextBefore as before for the next page.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Ok<Page<AlertChannel>>> ListChannels(ChannelStore channels, CancellationToken cancellationToken)
    {
        var all = await channels.AllAsync(cancellationToken);
        return TypedResults.Ok(new Page<AlertChannel>(all, all.Count, null));
    }

    public static async Task<Results<Created<AlertChannel>, ValidationProblem>> CreateChannel(
        ChannelRequest? request, ChannelStore channels, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (name, kind, url) = Validate(request, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await channels.CreateAsync(name!, kind, request!.Enabled ?? true, url, request.Secret, cancellationToken);
        return TypedResults.Created($"/api/monitor/channels/{created.Id}", created);
    }

    public static async Task<Results<Ok<AlertChannel>, ValidationProblem, ProblemHttpResult>> ReplaceChannel(
        string id, ChannelRequest? request, ChannelStore channels, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var channelId = InputRules.Id(id, "id", errors);
        var (name, kind, url) = Validate(request, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var updated = await channels.UpdateAsync(channelId!.Value, name!, kind, request!.Enabled ?? true, url, request.Secret, cancellationToken);
        return updated is null ? Problems.NotFound("channel") : TypedResults.Ok(updated);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteChannel(
        string id, ChannelStore channels, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var channelId = InputRules.Id(id, "id", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await channels.DeleteAsync(channelId!.Value, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("channel");
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> TestChannel(
        string id, ChannelStore channels, DeliverySignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var channelId = InputRules.Id(id, "id", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await channels.FindAsync(channelId!.Value, cancellationToken) is not { } channel)
        {
            return Problems.NotFound("channel");
        }

        await channels.QueueTestAsync(channel, time.GetUtcNow(), cancellationToken);
        signal.Wake();
        return TypedResults.Accepted($"/api/monitor/deliveries?channel={channel.Id}");
    }

    public static async Task<Results<Ok<Page<Delivery>>, ValidationProblem>> ListDeliveries(
        string? channel, string? check, string? limit, string? before, ChannelStore channels, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var channelId = channel is null ? null : InputRules.Id(channel, "channel", errors);
        if (check is not null)
        {
            InputRules.CheckIdentifier(check, "check", errors);
        }

        var size = InputRules.Limit(limit, errors);
        var cursor = InputRules.Cursor(before, "before", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await channels.DeliveriesAsync(channelId, check, cursor, size, cancellationToken);
        var next = page.Count == size ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<Delivery>(page, size, next));
    }

    private static (string? Name, ChannelKind Kind, string? Url) Validate(ChannelRequest? request, Dictionary<string, string[]> errors)
    {
        if (request is null)
        {
            errors["body"] = ["A JSON body describing the channel is required."];
            return (null, default, null);
        }

        var name = InputRules.Text(request.Name, "name", 100, required: true, errors);
        ChannelKind kind = default;
        string? url = null;
        switch (request.Kind)
        {
            case "webhook":
                kind = ChannelKind.Webhook;
                url = InputRules.Url(request.Url, "url", errors);
                break;
            case "mqtt":
                kind = ChannelKind.Mqtt;
                url = InputRules.Text(request.Url, "url", 200, required: false, errors);
                if (url is not null && (url.Contains('#', StringComparison.Ordinal) || url.Contains('+', StringComparison.Ordinal) || url.StartsWith('$')))
                {
                    errors["url"] = ["For an mqtt channel, url is a topic prefix without wildcards (alerts go to <prefix>/<check>)."];
                }

                break;
            case "chat":
                kind = ChannelKind.Chat;
                break;
            default:
                errors["kind"] = ["kind must be webhook, mqtt or chat."];
                break;
        }

        if (request.Secret is { } secret && (secret.Length < MinSecretLength || secret.Length > 256 || Unstorable(secret)))
        {
            errors["secret"] = [$"secret must be {MinSecretLength} to 256 characters."];
        }

        return (name, kind, url);
    }

    private static bool Unstorable(string value) => ServiceDefaults.Validation.StorableText.Refusal(value) is not null;
}
