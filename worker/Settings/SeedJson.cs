using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Worker.Settings;

/// <summary>JSON settings for the seed files: camelCase, comments and trailing commas allowed, enums as names.</summary>
internal static class SeedJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };
}
