using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Monitor.Messages;

namespace Monitor.Worker.Alerts;

/// <summary>How the stores keep an alert in the outbox: the wire shape (camelCase, enums as names, dates yyyy-MM-dd).</summary>
internal static class AlertJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(TargetStatusChanged alert) => JsonSerializer.Serialize(alert, Options);

    public static TargetStatusChanged Deserialize(string payload) =>
        JsonSerializer.Deserialize<TargetStatusChanged>(payload, Options)
        ?? throw new InvalidOperationException("An outbox payload is JSON null instead of an alert.");

    private static JsonSerializerOptions CreateOptions()
    {
        // Read-only, so no caller can change how stored payloads are read back.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.MakeReadOnly();
        return options;
    }
}
