using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Jarvis.Plugins.Apis;
using Jarvis.Plugins.Infrastructure.Hosting;
using Jarvis.Plugins.Infrastructure.Storage;
using Jarvis.Plugins.Model;
using Jarvis.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Authorization;

namespace Jarvis.Plugins.Grpc;

/// <summary>The gRPC API (and, through JSON transcoding, the admin REST API) over the plugin host.</summary>
[Authorize(Policy = PluginsAuthorization.Policy)]
internal sealed partial class PluginsService(PluginHost host, PluginStateStore states, ILogger<PluginsService> logger) : Plugins.PluginsBase
{
    private const int MaxArgsBytes = 256 * 1024;
    private const int MaxInFlight = 64;
    private const string IdRule = "id must match ^[a-z0-9_]{3,32}$";
    private static readonly string HookRule = $"hook must be one of {string.Join(", ", PluginHooks.Known.Order(StringComparer.Ordinal))}";

    public override Task<ListPluginsReply> ListPlugins(ListPluginsRequest request, ServerCallContext context)
    {
        var reply = new ListPluginsReply();
        reply.Plugins.AddRange(host.List().Select(ToMessage));
        return Task.FromResult(reply);
    }

    public override Task<Plugin> GetPlugin(PluginRequest request, ServerCallContext context) =>
        Task.FromResult(ToMessage(host.Get(ValidId(request.Id, context)) ?? throw NotFound(request.Id, context)));

    public override async Task<Plugin> ReloadPlugin(PluginRequest request, ServerCallContext context) =>
        ToMessage(await host.ReloadAsync(ValidId(request.Id, context), context.CancellationToken) ?? throw NotFound(request.Id, context));

    public override async Task<Plugin> EnablePlugin(PluginRequest request, ServerCallContext context) =>
        ToMessage(await SetEnabledAsync(request.Id, true, context));

    public override async Task<Plugin> DisablePlugin(PluginRequest request, ServerCallContext context) =>
        ToMessage(await SetEnabledAsync(request.Id, false, context));

    /// <summary>Saved first, so what the admin sees is what a restart brings back; nothing changes if the save fails.</summary>
    private async Task<PluginSnapshot> SetEnabledAsync(string id, bool enabled, ServerCallContext context)
    {
        var valid = ValidId(id, context);
        if (host.Get(valid) is null)
        {
            throw NotFound(id, context);
        }

        try
        {
            await states.SaveAsync(valid, enabled, context.CancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            LogStateNotSaved(ex, valid, enabled);
            throw PluginProblems.Unavailable(context, $"the database did not take the change, so plugin '{valid}' is unchanged");
        }

        return await host.SetEnabledAsync(valid, enabled, context.CancellationToken) ?? throw NotFound(id, context);
    }

    public override async Task<InvokeReply> Invoke(InvokeRequest request, ServerCallContext context)
    {
        if (Refusal(request, out var args) is { } refusal)
        {
            throw PluginProblems.Invalid(context, refusal);
        }

        var result = await host.InvokeAsync(request.Id, request.Hook, args) ?? throw NotFound(request.Id, context);
        if (!result.Ok)
        {
            throw PluginProblems.Failure(context, result.Error!.Value, result.Message ?? "the call failed");
        }

        return new InvokeReply { Result = StructJson.ToValue(result.Value) };
    }

    /// <summary>
    /// Invoke, many times over one stream. Calls are started as they arrive (up to
    /// <see cref="MaxInFlight"/> per stream) and answered in request order; a failed call is an error
    /// reply, not the end of the stream. The stream ends with Unauthenticated when the token expires.
    /// </summary>
    public override async Task InvokeStream(IAsyncStreamReader<InvokeRequest> requestStream, IServerStreamWriter<InvokeStreamReply> responseStream, ServerCallContext context)
    {
        var left = TokenExpiry(context) - DateTimeOffset.UtcNow;
        using var expiry = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, expiry.Token);

        // synchronous continuations: the writer picks up a started call on the reader's thread, not a new one
        var pending = Channel.CreateBounded<Task<InvokeStreamReply>>(new BoundedChannelOptions(MaxInFlight)
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = true,
        });
        var writing = WriteRepliesAsync(pending.Reader, responseStream, stop);
        try
        {
            while (await requestStream.MoveNext(stop.Token))
            {
                await pending.Writer.WriteAsync(InvokeOneAsync(requestStream.Current), stop.Token);
            }

            pending.Writer.Complete();
            await writing;
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            pending.Writer.TryComplete();
            throw new RpcException(new Status(StatusCode.Unauthenticated, "the token expired; open a new stream with a fresh token"));
        }
        finally
        {
            pending.Writer.TryComplete();
        }
    }

    public override async Task<DispatchReply> Dispatch(DispatchRequest request, ServerCallContext context)
    {
        var hook = ValidHook(request.Hook, context);
        if (ArgsRefusal(request.Args, out var args) is { } refusal)
        {
            throw PluginProblems.Invalid(context, refusal);
        }

        var reply = new DispatchReply();
        foreach (var (pluginId, result) in await host.DispatchAsync(hook, args))
        {
            var item = new DispatchResult { PluginId = pluginId };
            if (result.Ok)
            {
                item.Result = StructJson.ToValue(result.Value);
                if (hook == PluginHooks.OnMessage && result.Value is not null)
                {
                    reply.Winner = pluginId;
                }
            }
            else
            {
                item.ErrorCode = result.Error!.Value.ToWire();
                item.ErrorMessage = result.Message ?? string.Empty;
            }

            reply.Results.Add(item);
        }

        return reply;
    }

    private static string ValidId(string id, ServerCallContext context) =>
        IdRefusal(id) is { } refusal ? throw PluginProblems.Invalid(context, refusal) : id;

    private static string ValidHook(string hook, ServerCallContext context) =>
        HookRefusal(hook) is { } refusal ? throw PluginProblems.Invalid(context, refusal) : hook;

    private static string? IdRefusal(string id) => PluginProblems.IsPluginId(id) ? null : IdRule;

    private static string? HookRefusal(string hook) => PluginHooks.Known.Contains(hook) ? null : HookRule;

    /// <summary>Why Invoke refuses the request before any plugin runs, or null with the arguments as JSON.</summary>
    private static string? Refusal(InvokeRequest request, out JsonObject? args)
    {
        args = null;
        return IdRefusal(request.Id) ?? HookRefusal(request.Hook) ?? ArgsRefusal(request.Args, out args);
    }

    private static string? ArgsRefusal(Struct? message, out JsonObject? args)
    {
        args = null;
        if (message is null)
        {
            return null;
        }

        if (message.CalculateSize() > MaxArgsBytes)
        {
            return $"args must be at most {MaxArgsBytes} bytes";
        }

        try
        {
            args = StructJson.ToJson(message);
        }
        catch (ArgumentException e)
        {
            return $"args cannot be converted to JSON: {e.Message}";
        }

        // What a plugin is given may reach its storage (jarvis.kv): refuse what PostgreSQL could not store.
        if (StorableText.Find(args, "args") is { } unstorable)
        {
            args = null;
            return $"{unstorable.Path} {unstorable.Refusal}";
        }

        return null;
    }

    private async Task<InvokeStreamReply> InvokeOneAsync(InvokeRequest request)
    {
        if (Refusal(request, out var args) is { } refusal)
        {
            return Error(StatusCode.InvalidArgument, "invalid_argument", refusal);
        }

        var result = await host.InvokeAsync(request.Id, request.Hook, args);
        if (result is null)
        {
            return Error(StatusCode.NotFound, "not_found", NoPlugin(request.Id));
        }

        return result.Ok
            ? new InvokeStreamReply { Result = StructJson.ToValue(result.Value) }
            : Error(PluginProblems.Describe(result.Error!.Value).Grpc, result.Error.Value.ToWire(), result.Message ?? "the call failed");
    }

    private static async Task WriteRepliesAsync(ChannelReader<Task<InvokeStreamReply>> pending, IServerStreamWriter<InvokeStreamReply> responseStream, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var call in pending.ReadAllAsync(stop.Token))
            {
                await responseStream.WriteAsync(await call, stop.Token);
            }
        }
        catch
        {
            // the reader stops too; its catch decides the status
            await stop.CancelAsync();
            throw;
        }
    }

    private static InvokeStreamReply Error(StatusCode status, string code, string message) =>
        new() { Error = new CallError { Status = (int)status, Code = code, Message = message } };

    /// <summary>When the caller's token stops being valid (its exp claim); the authorization policy made sure there is one.</summary>
    private static DateTimeOffset TokenExpiry(ServerCallContext context) =>
        long.TryParse(context.GetHttpContext().User.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : DateTimeOffset.UtcNow;

    private static RpcException NotFound(string id, ServerCallContext context) => PluginProblems.NotFound(context, NoPlugin(id));

    private static string NoPlugin(string id) => $"no plugin '{id}'";

    private static Plugin ToMessage(PluginSnapshot p)
    {
        var message = new Plugin
        {
            Id = p.Id,
            Version = p.Version ?? string.Empty,
            Name = p.Name ?? string.Empty,
            Description = p.Description ?? string.Empty,
            Status = p.Status.ToString().ToLowerInvariant(),
            Error = p.Error ?? string.Empty,
            Priority = p.Priority,
            Statistics = new PluginStatistics
            {
                Calls = p.Statistics.Calls,
                Errors = p.Statistics.Errors,
                Timeouts = p.Statistics.Timeouts,
                MemoryLimitHits = p.Statistics.MemoryLimitHits,
                MemoryBytes = p.Statistics.MemoryBytes,
                MeanLatencyMs = p.Statistics.MeanLatencyMs,
                MaxLatencyMs = p.Statistics.MaxLatencyMs,
            },
        };
        message.Hooks.AddRange(p.Hooks);
        message.Permissions.AddRange(p.Permissions);
        return message;
    }

    [LoggerMessage(EventId = 4009, Level = LogLevel.Error, Message = "Could not save plugin {PluginId} as enabled={Enabled}; nothing changed")]
    private partial void LogStateNotSaved(Exception exception, string pluginId, bool enabled);
}
