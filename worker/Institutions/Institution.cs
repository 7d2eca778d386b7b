namespace Monitor.Worker.Institutions;

/// <summary>A configured institution (院校) and its units (二级学院和相关职能部门).</summary>
public sealed record Institution(string Id, string Name, string ShortName, TimeZoneInfo TimeZone, IReadOnlyList<Unit> Units)
{
    public Unit? FindUnit(string? code) => code is null ? null : Units.FirstOrDefault(u => u.Code == code);

    /// <summary>The local date at <paramref name="instant"/> in the institution's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);
}

/// <summary>A secondary college or functional department.</summary>
public sealed record Unit(string Code, string Name);
