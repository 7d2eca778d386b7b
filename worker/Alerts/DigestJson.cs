using System.Text.Json;
using Monitor.Messages;

namespace Monitor.Worker.Alerts;

/// <summary>How the stores keep a digest: the wire shape, as alerts are kept (<see cref="AlertJson"/>).</summary>
internal static class DigestJson
{
    public static string Serialize(DailyDigest digest) => JsonSerializer.Serialize(digest, AlertJson.Options);

    public static DailyDigest Deserialize(string payload) =>
        JsonSerializer.Deserialize<DailyDigest>(payload, AlertJson.Options)
        ?? throw new InvalidOperationException("A stored digest is JSON null instead of a digest.");
}
