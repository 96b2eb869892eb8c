using System.Security.Claims;
using Jarvis.Chat.Infrastructure;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Chat.Apis;

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/chat/search", Search).RequireAuthorization(InternalPolicies.User).WithTags("Search").WithName(nameof(Search))
            .WithSummary("Full-text search over the caller's conversation titles and messages (web-search syntax: words, \"phrases\", -not, or).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Results<Ok<SearchResults>, ValidationProblem, ProblemHttpResult>> Search(
        string? q, string? limit, ClaimsPrincipal user, ChatSearch search, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        InputRules.Query(q, errors);
        var take = InputRules.Limit(limit, errors);
        if (errors.Count > 0 || q is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (user.UserId() is not { } userId)
        {
            return Problems.NotAPerson();
        }

        var hits = await search.SearchAsync(userId, q, take, cancellationToken);
        return TypedResults.Ok(new SearchResults(q, hits, take));
    }
}
