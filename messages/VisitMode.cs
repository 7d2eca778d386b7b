using System.Text.Json.Serialization;

namespace Monitor.Messages;

/// <summary>How the employer was met; both count the same.</summary>
[JsonConverter(typeof(EnumNameConverter<VisitMode>))]
public enum VisitMode
{
    /// <summary>走出去: the college went to the employer.</summary>
    Outgoing,

    /// <summary>请进来: the employer was invited in.</summary>
    Incoming,
}
