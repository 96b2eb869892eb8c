using Jarvis.Chat.Apis;
using Jarvis.Chat.Extensions;
using Jarvis.Chat.Infrastructure.Migrations;
using Jarvis.ServiceDefaults.Migrations;

// dotnet Jarvis.Chat.dll migrate up [--to N] | down --to N | status
if (MigrationCommand.Matches(args))
{
    return await MigrationCommand.RunAsync(args, ChatSchema.Definition);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<ChatOpenApiDocument>());

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();

app.MapConversationsApi();
app.MapConversationTransferApi();
app.MapMessagesApi();
app.MapSearchApi();
app.MapUsersApi();
app.MapAuditApi();
app.MapCredentialsApi();
app.MapNotificationsApi();

await app.RunAsync();
return 0;
