using Monitor.Messages;

namespace Monitor.Worker.Visits;

/// <summary>
/// One scope's visits of one tier over a period, day by day — the institution's, or one unit's — counted as
/// <see cref="VisitMeasurements"/> counts them: an employer on the day of its first visit in the scope (identity by
/// <see cref="EmployerIdentity"/>, a name without a code matched to the code another visit of the tier gave), positions
/// and visits on the day they happened. Only days on which something happened are kept.
/// </summary>
public sealed class VisitSeries
{
    private readonly DateOnly[] days;
    private readonly int[] employersUpTo;
    private readonly int[] positionsUpTo;

    /// <param name="daily">The scope's days, in date order.</param>
    public VisitSeries(string institutionId, VisitTier tier, string? unitCode, IReadOnlyList<VisitDay> daily)
    {
        ArgumentNullException.ThrowIfNull(daily);
        InstitutionId = institutionId;
        Tier = tier;
        UnitCode = unitCode;
        Daily = daily;
        days = new DateOnly[daily.Count];
        employersUpTo = new int[daily.Count];
        positionsUpTo = new int[daily.Count];
        for (var i = 0; i < daily.Count; i++)
        {
            if (i > 0 && daily[i].Day <= daily[i - 1].Day)
            {
                throw new ArgumentException("The days must be in date order, each once.", nameof(daily));
            }

            days[i] = daily[i].Day;
            employersUpTo[i] = (i > 0 ? employersUpTo[i - 1] : 0) + daily[i].NewEmployers;
            positionsUpTo[i] = (i > 0 ? positionsUpTo[i - 1] : 0) + daily[i].PositionsOpened;
        }
    }

    public string InstitutionId { get; }

    public VisitTier Tier { get; }

    /// <summary>Null for the whole institution.</summary>
    public string? UnitCode { get; }

    public IReadOnlyList<VisitDay> Daily { get; }

    /// <summary>The last day with a visit in the scope, if any.</summary>
    public DateOnly? LastVisitOn => days.Length > 0 ? days[^1] : null;

    /// <summary>Positions opened over the whole period (开拓岗位数).</summary>
    public int PositionsOpened => positionsUpTo.Length > 0 ? positionsUpTo[^1] : 0;

    /// <summary>Distinct employers visited on or before <paramref name="day"/>.</summary>
    public int EmployersOn(DateOnly day) => UpTo(employersUpTo, day);

    /// <summary>Positions opened on or before <paramref name="day"/>.</summary>
    public int PositionsOn(DateOnly day) => UpTo(positionsUpTo, day);

    /// <summary>Every scope of the rows (the institution's, then each unit's), one series each, days in order.</summary>
    public static IReadOnlyList<VisitSeries> FromDays(VisitTier tier, IEnumerable<(string InstitutionId, string? UnitCode, VisitDay Day)> rows) =>
    [
        .. rows
            .GroupBy(r => (r.InstitutionId, r.UnitCode))
            .OrderBy(g => g.Key.InstitutionId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.UnitCode is not null)
            .ThenBy(g => g.Key.UnitCode, StringComparer.Ordinal)
            .Select(g => new VisitSeries(g.Key.InstitutionId, tier, g.Key.UnitCode, [.. g.Select(r => r.Day).OrderBy(d => d.Day)])),
    ];

    private int UpTo(int[] cumulative, DateOnly day)
    {
        var index = Array.BinarySearch(days, day);
        var last = index >= 0 ? index : ~index - 1;
        return last >= 0 ? cumulative[last] : 0;
    }
}

/// <summary>What happened in a scope on one day: employers visited for the first time, visits, positions opened.</summary>
public readonly record struct VisitDay(DateOnly Day, int NewEmployers, int Visits, int PositionsOpened);
