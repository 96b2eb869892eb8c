using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jarvis.Gateway.Model;

/// <summary>Source-generated JSON for what the gateway stores and exchanges on its hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Session))]
[JsonSerializable(typeof(SignedInUser))]
[JsonSerializable(typeof(CredentialCheck))]
[JsonSerializable(typeof(LoginRequest))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
