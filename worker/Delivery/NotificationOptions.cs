namespace Monitor.Worker.Delivery;

/// <summary>How alerts become robot posts (<c>Monitor:Notifications</c>): the grouping window, how often to look, and quiet hours.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Monitor:Notifications";

    /// <summary>
    /// How long the alerts of one institution and target wait for each other before they are posted as one message,
    /// counted from the first of them (Alertmanager's group_wait): one evaluation's changes arrive together.
    /// </summary>
    public TimeSpan GroupWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the notifier looks for new alerts and digests and for groups due to be posted.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The day of the week whose digest WeCom robots also receive as pictures: each target's progress chart, one image
    /// message per target after the digest's text. Empty: never.
    /// </summary>
    public DayOfWeek? ChartsOn { get; set; } = DayOfWeek.Monday;

    /// <summary>A CJK font file for the charts; empty: the first one found where Debian's font packages put them.</summary>
    public string? ChartFont { get; set; }

    /// <summary>When nothing but Critical is posted.</summary>
    public QuietHoursOptions QuietHours { get; set; } = new();
}
