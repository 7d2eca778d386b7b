using System.Text.Json.Serialization;

namespace Monitor.Messages;

/// <summary>Where a target stands.</summary>
[JsonConverter(typeof(EnumNameConverter<TargetStatus>))]
public enum TargetStatus
{
    /// <summary>未开始: the period has not started.</summary>
    Pending,

    /// <summary>进度正常: at or above expected-by-now.</summary>
    OnTrack,

    /// <summary>略有滞后: below expected-by-now, within the tolerance band.</summary>
    AtRisk,

    /// <summary>明显滞后: below the tolerance band, or forecast below the threshold.</summary>
    OffTrack,

    /// <summary>已达成.</summary>
    Met,

    /// <summary>未达成: the deadline passed below the threshold.</summary>
    Missed,

    /// <summary>无数据: no events for the configured number of days while the period runs.</summary>
    NoData,
}
