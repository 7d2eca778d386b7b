using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Monitor.Worker.Tools.Common;

/// <summary>How the tools write JSON: camelCase, enums by name (the contracts' converters), Chinese left readable.</summary>
public static class CliJson
{
    /// <summary>One value per line (JSON Lines).</summary>
    public static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Indented, for a document a person may read too.</summary>
    public static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };
}
