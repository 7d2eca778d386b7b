using Monitor.Worker.Delivery;

namespace Monitor.Tests.Delivery;

/// <summary>Quiet hours: 22:00–08:00 every night, Saturdays and Sundays, holidays; a weekend working day (调休) is not quiet by day.</summary>
public class QuietHoursSpecs
{
    // National Day 2024: 1–7 October off; Sunday 29 September and Saturday 12 October are working days.
    private static readonly QuietHours Quiet = new(new QuietHoursOptions
    {
        Holidays = [.. Enumerable.Range(1, 7).Select(d => new DateOnly(2024, 10, d))],
        WorkingDays = [new DateOnly(2024, 9, 29), new DateOnly(2024, 10, 12)],
    });

    [Theory]
    [InlineData("2024-09-30 07:59", true)]
    [InlineData("2024-09-30 08:00", false)]
    [InlineData("2024-09-30 21:59", false)]
    [InlineData("2024-09-30 22:00", true)]
    [InlineData("2024-09-28 12:00", true)]
    [InlineData("2024-09-29 12:00", false)]
    [InlineData("2024-09-29 23:00", true)]
    [InlineData("2024-10-03 10:00", true)]
    [InlineData("2024-10-12 10:00", false)]
    [InlineData("2024-10-13 10:00", true)]
    public void When_asked_at_a_local_time_should_say_whether_it_is_quiet(string local, bool quiet) =>
        Assert.Equal(quiet, Quiet.IsQuiet(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2024-09-30 23:00", "2024-10-08 08:00")]
    [InlineData("2024-09-27 23:00", "2024-09-29 08:00")]
    [InlineData("2024-10-11 22:30", "2024-10-12 08:00")]
    [InlineData("2024-10-12 22:30", "2024-10-14 08:00")]
    [InlineData("2024-10-14 03:00", "2024-10-14 08:00")]
    [InlineData("2024-10-14 10:00", "2024-10-14 10:00")]
    public void When_a_post_is_held_should_go_out_on_the_next_morning_that_is_not_quiet(string local, string end) =>
        Assert.Equal(
            DateTime.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            Quiet.End(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void When_the_night_ends_before_midnight_or_quiet_hours_are_off_should_follow_the_settings()
    {
        var evening = new QuietHours(new QuietHoursOptions { From = new TimeOnly(18, 0), Until = new TimeOnly(23, 0), Weekends = false });
        var off = new QuietHours(new QuietHoursOptions { Enabled = false });

        Assert.True(evening.IsQuiet(new DateTime(2024, 9, 28, 18, 30, 0)));
        Assert.False(evening.IsQuiet(new DateTime(2024, 9, 28, 23, 30, 0)));
        Assert.Equal(new DateTime(2024, 9, 28, 23, 0, 0), evening.End(new DateTime(2024, 9, 28, 18, 30, 0)));
        Assert.False(off.IsQuiet(new DateTime(2024, 9, 28, 3, 0, 0)));
        Assert.False(off.IsQuietDay(new DateOnly(2024, 9, 28)));
    }
}
