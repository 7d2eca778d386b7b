using System.Text.Json.Serialization;

namespace Monitor.Messages;

/// <summary>What a target measures.</summary>
[JsonConverter(typeof(EnumNameConverter<MetricKind>))]
public enum MetricKind
{
    /// <summary>走访用人单位数 (家): distinct employers visited.</summary>
    DistinctEmployersVisited,

    /// <summary>开拓岗位数: positions opened, summed over visits.</summary>
    PositionsOpened,

    /// <summary>毕业去向落实率: placed graduates over the cohort.</summary>
    PlacementRate,
}
