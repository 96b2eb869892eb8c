using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Jarvis.Plugins.Apis;
using Jarvis.Plugins.Infrastructure.Hosting;
using Jarvis.Plugins.Model;
using Microsoft.AspNetCore.Authorization;

namespace Jarvis.Plugins.Grpc;

/// <summary>The gRPC API (and, through JSON transcoding, the admin REST API) over the plugin host.</summary>
[Authorize(Policy = PluginsAuthorization.Policy)]
internal sealed class PluginsService(PluginHost host) : Plugins.PluginsBase
{
    private const int MaxArgsBytes = 256 * 1024;

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
        ToMessage(await host.SetEnabledAsync(ValidId(request.Id, context), true, context.CancellationToken) ?? throw NotFound(request.Id, context));

    public override async Task<Plugin> DisablePlugin(PluginRequest request, ServerCallContext context) =>
        ToMessage(await host.SetEnabledAsync(ValidId(request.Id, context), false, context.CancellationToken) ?? throw NotFound(request.Id, context));

    public override async Task<InvokeReply> Invoke(InvokeRequest request, ServerCallContext context)
    {
        var id = ValidId(request.Id, context);
        var hook = ValidHook(request.Hook, context);
        var args = ValidArgs(request.Args, context);
        var result = await host.InvokeAsync(id, hook, args) ?? throw NotFound(id, context);
        if (!result.Ok)
        {
            throw PluginProblems.Failure(context, result.Error!.Value, result.Message ?? "the call failed");
        }

        return new InvokeReply { Result = ToValue(result.Value) };
    }

    public override async Task<DispatchReply> Dispatch(DispatchRequest request, ServerCallContext context)
    {
        var hook = ValidHook(request.Hook, context);
        var args = ValidArgs(request.Args, context);
        var reply = new DispatchReply();
        foreach (var (pluginId, result) in await host.DispatchAsync(hook, args))
        {
            var item = new DispatchResult { PluginId = pluginId };
            if (result.Ok)
            {
                item.Result = ToValue(result.Value);
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
        PluginProblems.IsPluginId(id) ? id : throw PluginProblems.Invalid(context, "id must match ^[a-z0-9_]{3,32}$");

    private static string ValidHook(string hook, ServerCallContext context) =>
        PluginHooks.Known.Contains(hook) ? hook : throw PluginProblems.Invalid(context, $"hook must be one of {string.Join(", ", PluginHooks.Known.Order(StringComparer.Ordinal))}");

    private static JsonObject? ValidArgs(Struct? args, ServerCallContext context)
    {
        if (args is null)
        {
            return null;
        }

        if (args.CalculateSize() > MaxArgsBytes)
        {
            throw PluginProblems.Invalid(context, $"args must be at most {MaxArgsBytes} bytes");
        }

        return JsonNode.Parse(JsonFormatter.Default.Format(args))!.AsObject();
    }

    private static RpcException NotFound(string id, ServerCallContext context) => PluginProblems.NotFound(context, $"no plugin '{id}'");

    private static Value ToValue(JsonNode? node) => node is null ? Value.ForNull() : Value.Parser.ParseJson(node.ToJsonString());

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
}
