using System.Text.RegularExpressions;
using Grpc.Core;
using Jarvis.Plugins.Model;

namespace Jarvis.Plugins.Apis;

/// <summary>
/// One place that turns a failure into a gRPC status with a <c>jarvis-error-code</c> trailer and,
/// for transcoded REST calls, the problem details document the middleware writes.
/// </summary>
internal static partial class PluginProblems
{
    public const string ItemKey = "jarvis.plugins.problem";
    public const string CodeTrailer = "jarvis-error-code";

    public static bool IsPluginId(string id) => IdPattern().IsMatch(id);

    public static RpcException Invalid(ServerCallContext context, string detail) =>
        Raise(context, StatusCode.InvalidArgument, new PluginProblem(StatusCodes.Status400BadRequest, "Invalid request", detail, null));

    public static RpcException NotFound(ServerCallContext context, string detail) =>
        Raise(context, StatusCode.NotFound, new PluginProblem(StatusCodes.Status404NotFound, "Plugin not found", detail, null));

    public static RpcException Unavailable(ServerCallContext context, string detail) =>
        Raise(context, StatusCode.Unavailable, new PluginProblem(StatusCodes.Status503ServiceUnavailable, "Unavailable", detail, null));

    public static RpcException Failure(ServerCallContext context, PluginErrorCode code, string detail)
    {
        var (grpc, http, title) = Describe(code);
        return Raise(context, grpc, new PluginProblem(http, title, detail, code.ToWire()));
    }

    /// <summary>The gRPC status, HTTP status and title a failed call answers with.</summary>
    public static (StatusCode Grpc, int Http, string Title) Describe(PluginErrorCode code) =>
        code switch
        {
            PluginErrorCode.Timeout => (StatusCode.DeadlineExceeded, StatusCodes.Status504GatewayTimeout, "The plugin exceeded its execution budget"),
            PluginErrorCode.MemoryLimit => (StatusCode.ResourceExhausted, StatusCodes.Status422UnprocessableEntity, "The plugin exceeded its memory limit"),
            PluginErrorCode.RuntimeError => (StatusCode.Aborted, StatusCodes.Status422UnprocessableEntity, "The plugin raised an error"),
            PluginErrorCode.InvalidResult => (StatusCode.Aborted, StatusCodes.Status422UnprocessableEntity, "The plugin returned an invalid result"),
            PluginErrorCode.NotLoaded => (StatusCode.FailedPrecondition, StatusCodes.Status409Conflict, "The plugin is not loaded"),
            PluginErrorCode.NoSuchHook => (StatusCode.Unimplemented, StatusCodes.Status400BadRequest, "The plugin does not implement this hook"),
            _ => (StatusCode.Internal, StatusCodes.Status500InternalServerError, "Plugin failure"),
        };

    private static RpcException Raise(ServerCallContext context, StatusCode status, PluginProblem problem)
    {
        context.GetHttpContext().Items[ItemKey] = problem;
        var trailers = new Metadata();
        if (problem.Code is not null)
        {
            trailers.Add(CodeTrailer, problem.Code);
        }

        return new RpcException(new Status(status, problem.Detail), trailers);
    }

    [GeneratedRegex(@"\A[a-z0-9_]{3,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
