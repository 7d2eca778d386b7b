using System.Text.Json.Serialization;

namespace Monitor.Messages;

/// <summary>Who made an enterprise visit (访企拓岗的走访层级).</summary>
[JsonConverter(typeof(EnumNameConverter<VisitTier>))]
public enum VisitTier
{
    /// <summary>学院领导班子: counts toward the leadership target.</summary>
    Leadership,

    /// <summary>二级学院和相关职能部门: counts toward the unit target and per unit.</summary>
    Unit,
}
