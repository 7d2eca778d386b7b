using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Alerts;

/// <summary>What a silence covers, when it is in force, and how it is written.</summary>
public class SilenceSpecs
{
    private static readonly DateTimeOffset SetAt = new(2024, 6, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EndsAt = new(2024, 6, 30, 16, 0, 0, TimeSpan.Zero);
    private static readonly TargetCatalog Targets = new([TestTargets.LeadershipVisits(), TestTargets.UnitVisits()]);

    private static Silence Of(string? unit, string? target) => new(3, "tjqg", unit, target, EndsAt, "迎评期间暂停提醒", "张三", SetAt);

    [Fact]
    public void When_a_silence_names_a_unit_should_cover_that_unit_only_and_without_a_unit_the_institution_and_every_unit()
    {
        Assert.True(Of("XN", null).Covers("unit-visits-2024", "tjqg", "XN"));
        Assert.False(Of("XN", null).Covers("unit-visits-2024", "tjqg", null));
        Assert.False(Of("XN", null).Covers("unit-visits-2024", "tjqg", "RG"));
        Assert.True(Of(null, "unit-visits-2024").Covers("unit-visits-2024", "tjqg", null));
        Assert.True(Of(null, "unit-visits-2024").Covers("unit-visits-2024", "tjqg", "RG"));
        Assert.False(Of(null, "unit-visits-2024").Covers("leadership-visits-2024", "tjqg", null));
        Assert.False(Of(null, null).Covers("unit-visits-2024", "nku", null));
    }

    [Fact]
    public void When_a_silence_ends_or_is_removed_should_no_longer_be_in_force()
    {
        var silence = Of("XN", null);

        Assert.True(silence.IsActive(EndsAt.AddTicks(-1)));
        Assert.False(silence.IsActive(EndsAt));
        Assert.False((silence with { RemovedAt = SetAt.AddDays(1), RemovedBy = "李四" }).IsActive(SetAt.AddDays(2)));
    }

    [Fact]
    public void When_a_silence_is_written_should_name_what_it_covers_when_it_ends_locally_who_set_it_and_why()
    {
        Assert.Equal("#3 新能源工程学院 · 全部目标，至 2024-07-01 00:00（张三：迎评期间暂停提醒）", SilenceText.Line(Of("XN", null), TestInstitutions.Catalog, Targets, "zh-CN"));
        Assert.Equal("天津轻工职院（全院及各单位） · 二级学院和职能部门领导走访用人单位", SilenceText.Covers(Of(null, "unit-visits-2024"), TestInstitutions.Catalog, Targets, "zh-CN"));
        Assert.Equal("#3 天津轻工职院 (institution and every unit) · every target, until 2024-07-01 00:00 (张三: 迎评期间暂停提醒)", SilenceText.Line(Of(null, null), TestInstitutions.Catalog, Targets, "en"));
    }
}
