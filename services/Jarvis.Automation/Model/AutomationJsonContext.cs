using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jarvis.Automation.Model;

/// <summary>Source-generated JSON for the API's bodies: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Page<Device>))]
[JsonSerializable(typeof(Page<DeviceEntity>))]
[JsonSerializable(typeof(Page<Area>))]
[JsonSerializable(typeof(Page<StateEvent>))]
[JsonSerializable(typeof(Device))]
[JsonSerializable(typeof(DeviceEntity))]
[JsonSerializable(typeof(Area))]
[JsonSerializable(typeof(StateEvent))]
[JsonSerializable(typeof(CommandAccepted))]
[JsonSerializable(typeof(CommandStatus))]
[JsonSerializable(typeof(AreaRequest))]
[JsonSerializable(typeof(UpdateDeviceRequest))]
[JsonSerializable(typeof(UpdateEntityRequest))]
[JsonSerializable(typeof(CommandRequest))]
[JsonSerializable(typeof(Page<AutomationView>))]
[JsonSerializable(typeof(AutomationView))]
[JsonSerializable(typeof(AutomationEnabledRequest))]
[JsonSerializable(typeof(RunAutomationRequest))]
[JsonSerializable(typeof(RunAccepted))]
[JsonSerializable(typeof(Page<RunSummary>))]
[JsonSerializable(typeof(RunTrace))]
[JsonSerializable(typeof(ImportResult))]
internal sealed partial class AutomationJsonContext : JsonSerializerContext;
