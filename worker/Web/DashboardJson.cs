using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Worker.Web;

/// <summary>
/// The API's JSON: the wire form of the messages (camelCase, enums by name, decimals as numbers, dates as yyyy-MM-dd),
/// with Chinese and quotes left readable (the answers are JSON documents, never written into HTML).
/// </summary>
public static class DashboardJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };
}
