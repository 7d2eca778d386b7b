namespace Monitor.Worker.Delivery;

/// <summary>
/// Quiet hours (<c>Monitor:Notifications:QuietHours</c>): at night, at weekends and on holidays in the institution's
/// time zone the robots post only Critical; everything else waits for the next morning that is not quiet.
/// </summary>
public sealed class QuietHoursOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The night begins (local time); equal to <see cref="Until"/> for no night.</summary>
    public TimeOnly From { get; set; } = new(22, 0);

    /// <summary>The night ends, the next morning when it is earlier than <see cref="From"/>.</summary>
    public TimeOnly Until { get; set; } = new(8, 0);

    /// <summary>Saturdays and Sundays are quiet all day, except the <see cref="WorkingDays"/>.</summary>
    public bool Weekends { get; set; } = true;

    /// <summary>Days quiet all day (法定节假日).</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Weekend days that are working days (调休上班日), so not quiet but for the night.</summary>
    public List<DateOnly> WorkingDays { get; set; } = [];
}
