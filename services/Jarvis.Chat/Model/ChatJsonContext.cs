using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jarvis.Chat.Model;

/// <summary>Source-generated JSON for the API's bodies: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Page<Conversation>))]
[JsonSerializable(typeof(Page<Message>))]
[JsonSerializable(typeof(Page<UserAccount>))]
[JsonSerializable(typeof(Page<AuditEntry>))]
[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(MessageExchange))]
[JsonSerializable(typeof(SearchResults))]
[JsonSerializable(typeof(UserAccount))]
[JsonSerializable(typeof(VerifiedUser))]
[JsonSerializable(typeof(CreateConversationRequest))]
[JsonSerializable(typeof(UpdateConversationRequest))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(VerifyCredentialsRequest))]
[JsonSerializable(typeof(NotificationRequest))]
[JsonSerializable(typeof(NotificationReceipt))]
[JsonSerializable(typeof(ConversationExport))]
[JsonSerializable(typeof(ImportConversationRequest))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
