using Monitor.Messages;
using Monitor.Worker.Web;

namespace Monitor.Tests.Web;

public class ScopeRankingSpecs
{
    private static MetricSnapshot Unit(string code, TargetStatus status, decimal actual, decimal? expected, decimal threshold = 30) =>
        new("unit-visits-2024", "tjqg", code, MetricKind.DistinctEmployersVisited, actual, null, null, threshold, expected, null, status, DateTimeOffset.UnixEpoch);

    private static readonly MetricSnapshot[] Units =
    [
        Unit("JX", TargetStatus.OnTrack, 12, 12),
        Unit("DZ", TargetStatus.AtRisk, 9, 12),
        Unit("RG", TargetStatus.OffTrack, 4, 10),
        Unit("XN", TargetStatus.OnTrack, 11, 10),
        Unit("CL", TargetStatus.NoData, 6, 10),
        Unit("ZJ", TargetStatus.Met, 10, null, 10),
    ];

    [Fact]
    public void When_units_are_ranked_should_put_the_lagging_first_and_the_furthest_behind_first_among_them()
    {
        var ranked = ScopeRanking.LaggingFirst(Units, s => s, s => s.UnitCode!);

        // Behind: RG 4/10 = 0.4, CL 6/10 = 0.6, DZ 9/12 = 0.75; then the others: JX 1.0, ZJ met 10/10 = 1.0, XN 1.1.
        Assert.Equal(["RG", "CL", "DZ", "JX", "ZJ", "XN"], ranked.Select(s => s.UnitCode));
    }

    [Fact]
    public void When_institutions_are_ranked_for_the_province_should_put_the_furthest_ahead_first_and_the_lagging_last()
    {
        var ranked = ScopeRanking.LeadingFirst(Units, s => s, s => s.UnitCode!);

        Assert.Equal(["XN", "JX", "ZJ", "DZ", "CL", "RG"], ranked.Select(s => s.UnitCode));
    }

    [Fact]
    public void When_a_scope_has_nothing_expected_yet_should_measure_its_progress_against_its_threshold()
    {
        Assert.Equal(0.5m, ScopeRanking.Progress(Unit("JX", TargetStatus.Pending, 15, 0)));
        Assert.Equal(0.5m, ScopeRanking.Progress(Unit("JX", TargetStatus.Missed, 15, null)));
        Assert.Equal(1.5m, ScopeRanking.Progress(Unit("JX", TargetStatus.OnTrack, 15, 10)));
    }

    [Fact]
    public void When_a_bar_is_sized_should_be_the_share_of_its_own_threshold_to_one_decimal()
    {
        Assert.Equal(36.7m, ScopeRanking.ShareOf(11, 30));
        Assert.Equal(120m, ScopeRanking.ShareOf(12, 10));
        Assert.Equal(0m, ScopeRanking.ShareOf(5, 0));
    }
}
