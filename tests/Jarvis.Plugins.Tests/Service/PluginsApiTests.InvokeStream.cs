using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Jarvis.Plugins.Grpc;
using Jarvis.ServiceDefaults.Authentication;

namespace Jarvis.Plugins.Tests.Service;

/// <summary>InvokeStream: many calls over one gRPC stream against the service process.</summary>
public sealed partial class PluginsApiTests
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stream_answers_many_calls_in_request_order()
    {
        using var channel = service.Grpc(InternalRoles.Service);
        using var call = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel).InvokeStream(cancellationToken: new CancellationTokenSource(StreamTimeout).Token);

        // all sent before any is read: the calls overlap on the server and must still come back in order
        for (var i = 1; i <= 200; i++)
        {
            await call.RequestStream.WriteAsync(Convert(i));
        }

        await call.RequestStream.CompleteAsync();
        var replies = await ReadAllAsync(call.ResponseStream);

        Assert.Equal(Enumerable.Range(1, 200).Select(i => $"{i} m = {i * 100} cm"), replies.Select(r => r.Result.StringValue));
    }

    [Fact]
    public async Task A_timeout_inside_a_stream_is_an_error_reply_and_later_calls_keep_their_order()
    {
        using var channel = service.Grpc(InternalRoles.Service);
        using var call = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel).InvokeStream(cancellationToken: new CancellationTokenSource(StreamTimeout).Token);

        // the looper burns its 100 ms budget while the units calls behind it finish at once
        await call.RequestStream.WriteAsync(new InvokeRequest { Id = "looper", Hook = "on_message" });
        await call.RequestStream.WriteAsync(Convert(1));
        await call.RequestStream.WriteAsync(Convert(2));
        await call.RequestStream.CompleteAsync();
        var replies = await ReadAllAsync(call.ResponseStream);

        Assert.Equal(3, replies.Count);
        Assert.Equal(InvokeStreamReply.OutcomeOneofCase.Error, replies[0].OutcomeCase);
        Assert.Equal("timeout", replies[0].Error.Code);
        Assert.Equal((int)StatusCode.DeadlineExceeded, replies[0].Error.Status);
        Assert.Contains("budget", replies[0].Error.Message, StringComparison.Ordinal);
        Assert.Equal("1 m = 100 cm", replies[1].Result.StringValue);
        Assert.Equal("2 m = 200 cm", replies[2].Result.StringValue);
    }

    public static TheoryData<string, string, string, StatusCode> BadCalls => new()
    {
        { "Bad-Id", "on_message", "invalid_argument", StatusCode.InvalidArgument },
        { "units", "on_everything", "invalid_argument", StatusCode.InvalidArgument },
        { "nobody", "on_message", "not_found", StatusCode.NotFound },
        { "raiser", "on_message", "runtime_error", StatusCode.Aborted },
        { "broken", "on_message", "not_loaded", StatusCode.FailedPrecondition },
        { "notes", "on_message", "no_such_hook", StatusCode.Unimplemented },
        { "cyclic", "on_message", "invalid_result", StatusCode.Aborted },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task A_bad_call_mid_stream_is_an_error_reply_and_the_next_call_works(string id, string hook, string code, StatusCode status)
    {
        using var channel = service.Grpc(InternalRoles.Service);
        using var call = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel).InvokeStream(cancellationToken: new CancellationTokenSource(StreamTimeout).Token);

        var before = await CallAsync(call, Convert(1));
        var bad = await CallAsync(call, new InvokeRequest { Id = id, Hook = hook, Args = Struct.Parser.ParseJson("""{"text":"x"}""") });
        var after = await CallAsync(call, Convert(2));

        Assert.Equal("1 m = 100 cm", before.Result.StringValue);
        Assert.Equal(InvokeStreamReply.OutcomeOneofCase.Error, bad.OutcomeCase);
        Assert.Equal(code, bad.Error.Code);
        Assert.Equal((int)status, bad.Error.Status);
        Assert.False(string.IsNullOrWhiteSpace(bad.Error.Message));
        Assert.Equal("2 m = 200 cm", after.Result.StringValue);
    }

    [Fact]
    public async Task Too_big_args_mid_stream_are_refused_and_the_stream_goes_on()
    {
        using var channel = service.Grpc(InternalRoles.Service);
        using var call = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel).InvokeStream(cancellationToken: new CancellationTokenSource(StreamTimeout).Token);
        var big = new InvokeRequest { Id = "units", Hook = "on_message", Args = new Struct() };
        big.Args.Fields["text"] = Value.ForString(new string('x', 300 * 1024));

        var refused = await CallAsync(call, big);
        var after = await CallAsync(call, Convert(3));

        Assert.Equal("invalid_argument", refused.Error?.Code);
        Assert.Contains("at most", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("3 m = 300 cm", after.Result.StringValue);
    }

    [Fact]
    public async Task Stream_arguments_reach_lua_as_json_would()
    {
        using var channel = service.Grpc(InternalRoles.Service);
        using var call = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel).InvokeStream(cancellationToken: new CancellationTokenSource(StreamTimeout).Token);

        var reply = await CallAsync(call, new InvokeRequest { Id = "echo", Hook = "on_event", Args = Struct.Parser.ParseJson("""{"n":3,"x":1.5,"s":"é","b":true,"list":[1,"two",null],"nested":{"k":"v"}}""") });

        var echoed = reply.Result.StructValue.Fields;
        Assert.Equal("integer", echoed["n_type"].StringValue);
        Assert.Equal(1.5, echoed["x"].NumberValue);
        Assert.Equal("é", echoed["s"].StringValue);
        Assert.True(echoed["b"].BoolValue);
        Assert.Equal([1d], echoed["list"].ListValue.Values.Take(1).Select(v => v.NumberValue));
        Assert.Equal("two", echoed["list"].ListValue.Values[1].StringValue);
        Assert.Equal("v", echoed["nested"].StructValue.Fields["k"].StringValue);
    }

    [Theory]
    [InlineData(null, StatusCode.Unauthenticated)]
    [InlineData(InternalRoles.User, StatusCode.PermissionDenied)]
    public async Task A_stream_without_a_service_or_admin_token_is_refused(string? role, StatusCode expected)
    {
        using var channel = service.Grpc(role);
        using var call = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel).InvokeStream(cancellationToken: new CancellationTokenSource(StreamTimeout).Token);

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(Convert(1));
            await call.ResponseStream.MoveNext();
        });
        Assert.Equal(expected, refused.StatusCode);
    }

    [Fact]
    public async Task An_admin_token_may_open_a_stream()
    {
        using var channel = service.Grpc(InternalRoles.Admin);
        using var call = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel).InvokeStream(cancellationToken: new CancellationTokenSource(StreamTimeout).Token);
        Assert.Equal("4 m = 400 cm", (await CallAsync(call, Convert(4))).Result.StringValue);
    }

    [Fact]
    public async Task A_stream_ends_unauthenticated_when_its_token_expires()
    {
        var lifetime = TimeSpan.FromSeconds(3);
        var opened = Stopwatch.StartNew();
        using var channel = service.Grpc(InternalRoles.Service, lifetime);
        using var call = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel).InvokeStream(cancellationToken: new CancellationTokenSource(StreamTimeout).Token);
        Assert.Equal("5 m = 500 cm", (await CallAsync(call, Convert(5))).Result.StringValue);

        // nothing more is sent: the server alone ends the stream at the token's exp
        var ended = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.Contains("expired", ended.Status.Detail, StringComparison.Ordinal);
        // exp has whole seconds, so the end comes up to a second early; never much later
        Assert.InRange(opened.Elapsed, lifetime - TimeSpan.FromSeconds(1.5), lifetime + TimeSpan.FromSeconds(2));
    }

    private static InvokeRequest Convert(int meters) =>
        new() { Id = "units", Hook = "on_message", Args = Struct.Parser.ParseJson($$"""{"text":"convert {{meters}} m to cm"}""") };

    private static async Task<InvokeStreamReply> CallAsync(AsyncDuplexStreamingCall<InvokeRequest, InvokeStreamReply> call, InvokeRequest request)
    {
        await call.RequestStream.WriteAsync(request);
        Assert.True(await call.ResponseStream.MoveNext(), "the stream ended without a reply");
        return call.ResponseStream.Current;
    }

    private static async Task<List<InvokeStreamReply>> ReadAllAsync(IAsyncStreamReader<InvokeStreamReply> replies)
    {
        var all = new List<InvokeStreamReply>();
        while (await replies.MoveNext())
        {
            all.Add(replies.Current);
        }

        return all;
    }
}
