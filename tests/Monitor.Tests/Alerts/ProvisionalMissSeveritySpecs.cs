using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Alerts;

/// <summary>
/// A rate measured on 31 August short of its 95 % while its books are still open (the reports effective by that date
/// may be filed until 14 September): Missed, provisionally. Short by no more than the tolerance (2 points), a Warning —
/// a week of late reports routinely makes that up; short by more, or once the books have closed, Critical.
/// </summary>
public class ProvisionalMissSeveritySpecs
{
    private static readonly DateOnly September1 = new(2024, 9, 1);

    private static Assessment Measured(int placed, bool closed) =>
        TargetEngine.Assess(
            TestTargets.Placement(),
            95m,
            Counts.Rate(1000, (new DateOnly(2024, 8, 31), placed)) with { Measured = new MeasuredRate(placed, 1000, closed) },
            closed ? new DateOnly(2024, 9, 15) : September1);

    [Theory]
    [InlineData(945, AlertSeverity.Warning)] // half a point short
    [InlineData(930, AlertSeverity.Warning)] // the tolerance's 2 points short
    [InlineData(929, AlertSeverity.Critical)]
    [InlineData(900, AlertSeverity.Critical)]
    public void When_a_rate_is_provisionally_missed_should_warn_within_the_tolerance_and_be_critical_beyond_it(int placed, AlertSeverity severity)
    {
        var a = Measured(placed, closed: false);

        Assert.Equal(TargetStatus.Missed, a.Status);
        Assert.Equal(severity, AlertPolicy.Severity(a.Status, a));
    }

    [Fact]
    public void When_the_books_close_on_a_rate_missed_within_the_tolerance_should_be_critical()
    {
        var a = Measured(945, closed: true);

        Assert.Equal(TargetStatus.Missed, a.Status);
        Assert.True(a.IsFinal);
        Assert.Equal(AlertSeverity.Critical, AlertPolicy.Severity(a.Status, a));
    }

    [Fact]
    public void When_a_rate_is_met_or_covers_a_small_group_should_keep_the_severity_of_its_status()
    {
        var met = Measured(950, closed: false);
        var small = TargetEngine.Assess(
            TestTargets.Placement(), 95m, Counts.Rate(12, (new DateOnly(2024, 8, 31), 11)) with { Measured = new MeasuredRate(11, 12, false) }, September1);

        Assert.Equal(AlertSeverity.Info, AlertPolicy.Severity(met.Status, met));
        Assert.Equal(TargetStatus.Missed, small.Status);
        Assert.Equal(AlertSeverity.Info, AlertPolicy.Severity(small.Status, small));
    }
}
