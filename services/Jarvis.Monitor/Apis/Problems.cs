using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Monitor.Apis;

/// <summary>The problem documents the monitor API answers with besides validation problems.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.");

    public static ProblemHttpResult Conflict(string title) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title);
}
