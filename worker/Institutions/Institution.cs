namespace Monitor.Worker.Institutions;

/// <summary>A configured institution (院校) and its units (二级学院和相关职能部门).</summary>
public sealed record Institution(string Id, string Name, string ShortName, TimeZoneInfo TimeZone, IReadOnlyList<Unit> Units)
{
    public Unit? FindUnit(string? code) => code is null ? null : Units.FirstOrDefault(u => u.Code == code);

    /// <summary>The local date at <paramref name="instant"/> in the institution's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>Midnight at the start of <paramref name="day"/> in the institution's time zone, as an instant.</summary>
    public DateTimeOffset StartOf(DateOnly day) => At(day, TimeOnly.MinValue);

    /// <summary>A local time on a local date in the institution's time zone, as an instant.</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}

/// <summary>A secondary college or functional department.</summary>
public sealed record Unit(string Code, string Name);
