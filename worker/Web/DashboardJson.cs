using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Monitor.Worker.Web;

/// <summary>
/// The API's JSON: the wire form of the messages (camelCase, enums by name, decimals as numbers, dates as yyyy-MM-dd),
/// with Chinese left readable.
/// </summary>
public static class DashboardJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };
}
