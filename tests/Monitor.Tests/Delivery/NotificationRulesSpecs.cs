using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Delivery;

namespace Monitor.Tests.Delivery;

/// <summary>Grouping, due times and message ids: alerts are individual, notifications are grouped.</summary>
public class NotificationRulesSpecs
{
    private static readonly TimeZoneInfo Tianjin = TestInstitutions.Tjqg.TimeZone;
    private static readonly TimeSpan GroupWait = TimeSpan.FromSeconds(30);
    private static readonly QuietHours Quiet = new(new QuietHoursOptions());

    // Monday 30 September 2024, 10:00 in Tianjin.
    private static readonly DateTimeOffset Morning = new(2024, 9, 30, 2, 0, 0, TimeSpan.Zero);

    private static PendingGroup Group(DateTimeOffset since, AlertSeverity severity, NotificationKind kind = NotificationKind.Alert) =>
        new("leaders", "tjqg|unit-visits-2024", kind, "tjqg", since, severity);

    [Fact]
    public void When_the_group_window_has_not_passed_should_wait_even_for_a_critical_alert()
    {
        Assert.False(NotificationRules.IsDue(Group(Morning, AlertSeverity.Critical), Morning.AddSeconds(29), GroupWait, Quiet, Tianjin));
        Assert.True(NotificationRules.IsDue(Group(Morning, AlertSeverity.Critical), Morning.AddSeconds(30), GroupWait, Quiet, Tianjin));
        Assert.True(NotificationRules.IsDue(Group(Morning, AlertSeverity.Warning), Morning.AddSeconds(30), GroupWait, Quiet, Tianjin));
    }

    [Fact]
    public void When_quiet_should_hold_a_warning_until_the_morning_but_post_a_group_with_a_critical_at_once()
    {
        // 23:00 in Tianjin.
        var night = new DateTimeOffset(2024, 9, 30, 15, 0, 0, TimeSpan.Zero);

        Assert.False(NotificationRules.IsDue(Group(night, AlertSeverity.Warning), night.AddMinutes(1), GroupWait, Quiet, Tianjin));
        Assert.True(NotificationRules.IsDue(Group(night, AlertSeverity.Critical), night.AddMinutes(1), GroupWait, Quiet, Tianjin));
        Assert.True(NotificationRules.IsDue(Group(night, AlertSeverity.Warning), night.AddMinutes(1), GroupWait, null, Tianjin));

        // 08:00 the next morning.
        Assert.True(NotificationRules.IsDue(Group(night, AlertSeverity.Warning), night.AddHours(9), GroupWait, Quiet, Tianjin));
    }

    [Fact]
    public void When_a_digest_is_due_should_need_no_group_window_but_keep_the_quiet_hours()
    {
        Assert.True(NotificationRules.IsDue(Group(Morning, AlertSeverity.Info, NotificationKind.Digest), Morning, GroupWait, Quiet, Tianjin));
        var saturday = new DateTimeOffset(2024, 9, 28, 0, 30, 0, TimeSpan.Zero);
        Assert.False(NotificationRules.IsDue(Group(saturday, AlertSeverity.Info, NotificationKind.Digest), saturday, GroupWait, Quiet, Tianjin));
    }

    [Fact]
    public void When_several_alerts_make_one_message_should_give_it_an_id_from_theirs_in_any_order_and_one_alert_keeps_its_own()
    {
        var a = Guid.Parse("056e08da-cac0-8ab9-8eae-2b1f599902e1");
        var b = Guid.Parse("478fed07-17c6-8557-8d13-dfc49afe2fdf");
        var c = Guid.Parse("9c557676-1572-8b06-8698-5eab3d72bec5");

        Assert.Equal(a, NotificationRules.MessageId([a]));
        Assert.Equal(NotificationRules.MessageId([a, b, c]), NotificationRules.MessageId([c, a, b]));
        Assert.NotEqual(NotificationRules.MessageId([a, b, c]), NotificationRules.MessageId([a, b]));
        Assert.NotEqual(a, NotificationRules.MessageId([a, b]));
    }

    [Fact]
    public void When_alerts_are_arranged_should_put_the_institution_first_then_the_units_worst_first_and_keep_each_scopes_latest()
    {
        var later = TestAlerts.EvaluatedAt.AddHours(3);
        var alerts = new[]
        {
            TestAlerts.UnitVisits("JX", TargetStatus.AtRisk, TargetStatus.OnTrack, AlertSeverity.Info, 20, 18, 25),
            TestAlerts.UnitVisits("RG", TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 15, 18, 25),
            TestAlerts.UnitVisits("CL", TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 15, 18, 25),
            TestAlerts.UnitVisits("XN", TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 12, 18, 25),
            TestAlerts.UnitVisits("XN", TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 11, 18, 25, later, transition: 2),
            TestAlerts.UnitVisits(null, TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 128, 149, 200),
        };

        var arranged = NotificationRules.Arrange(alerts, TestInstitutions.Tjqg);

        Assert.Equal([null, "XN", "RG", "CL", "JX"], arranged.Select(a => a.UnitCode));
        Assert.Equal((TargetStatus.OffTrack, 11m), (arranged[1].Current, arranged[1].Actual));
    }
}
