using System.Text.Json.Serialization;

namespace Monitor.Messages;

/// <summary>How urgent an alert is.</summary>
[JsonConverter(typeof(EnumNameConverter<AlertSeverity>))]
public enum AlertSeverity
{
    /// <summary>提示: good news or a neutral change.</summary>
    Info,

    /// <summary>预警: needs attention.</summary>
    Warning,

    /// <summary>严重: needs action now.</summary>
    Critical,
}
