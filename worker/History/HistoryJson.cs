using System.Text.Json;
using Monitor.Messages;
using Monitor.Worker.Alerts;

namespace Monitor.Worker.History;

/// <summary>How the history table keeps a snapshot: the wire shape, as alerts and digests are kept.</summary>
internal static class HistoryJson
{
    public static string Serialize(MetricSnapshot snapshot) => JsonSerializer.Serialize(snapshot, AlertJson.Options);

    public static MetricSnapshot Deserialize(string payload) =>
        JsonSerializer.Deserialize<MetricSnapshot>(payload, AlertJson.Options)
        ?? throw new InvalidOperationException("A stored history row is JSON null instead of a snapshot.");
}
