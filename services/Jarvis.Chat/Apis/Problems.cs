using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Chat.Apis;

/// <summary>The problem documents the chat API answers with besides validation problems.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.");

    public static ProblemHttpResult NotAPerson() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The token does not name a person (sub must be a user id).");

    public static ProblemHttpResult Conflict(string title) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title);
}
