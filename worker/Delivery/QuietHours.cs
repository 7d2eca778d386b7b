namespace Monitor.Worker.Delivery;

/// <summary>Whether a local time is quiet, and when the quiet ends. Pure; all times are the institution's local times.</summary>
public sealed class QuietHours(QuietHoursOptions options)
{
    private readonly HashSet<DateOnly> holidays = [.. options.Holidays];
    private readonly HashSet<DateOnly> workingDays = [.. options.WorkingDays];

    public bool Enabled => options.Enabled;

    /// <summary>A day quiet from morning to night: a holiday, or a Saturday or Sunday that is not a working day.</summary>
    public bool IsQuietDay(DateOnly day) =>
        options.Enabled
        && (holidays.Contains(day) || (options.Weekends && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && !workingDays.Contains(day)));

    public bool IsQuiet(DateTime local) => options.Enabled && (IsQuietDay(DateOnly.FromDateTime(local)) || IsNight(TimeOnly.FromDateTime(local)));

    /// <summary>The first local time at or after <paramref name="local"/> that is not quiet: the morning a deferred post goes out.</summary>
    public DateTime End(DateTime local)
    {
        if (!options.Enabled)
        {
            return local;
        }

        var day = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);

        // A year of holidays and weekends cannot be quiet for more than a few hundred days in a row.
        for (var i = 0; i < 400; i++, day = day.AddDays(1), time = TimeOnly.MinValue)
        {
            if (IsQuietDay(day))
            {
                continue;
            }

            if (!IsNight(time))
            {
                return day.ToDateTime(time);
            }

            // In the night: it ends this morning at Until, unless the night has just begun (evening).
            if (time < options.Until)
            {
                return day.ToDateTime(options.Until);
            }
        }

        throw new InvalidOperationException("The quiet hours never end: every day of the next 400 is a holiday.");
    }

    private bool IsNight(TimeOnly time) =>
        options.From < options.Until ? time >= options.From && time < options.Until
        : options.From > options.Until && (time >= options.From || time < options.Until);
}
