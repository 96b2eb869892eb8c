using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Automation.Apis;

/// <summary>The problem documents the device API answers with besides validation problems.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.");

    public static ProblemHttpResult Conflict(string title, string? detail = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    /// <summary>The entity can never take this command: unsupported, invalid or read-only.</summary>
    public static ProblemHttpResult CannotCommand(string title, string? detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail);
}
