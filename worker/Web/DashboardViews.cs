using Monitor.Messages;
using Monitor.Worker.Delivery;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Web;

/// <summary>An institution and its units (<c>GET /api/institutions</c>).</summary>
public sealed record InstitutionView(string Id, string Name, string ShortName, string TimeZone, IReadOnlyList<UnitView> Units);

/// <summary>A unit (二级学院或职能部门).</summary>
public sealed record UnitView(string Code, string Name);

/// <summary>A target as configured, with the latest figures of the institution's own scope (<c>GET /api/targets</c>).</summary>
/// <param name="Unit">"%" for a rate, empty for a count: what the figures are written with.</param>
/// <param name="BooksCloseOn">For a rate: the last day reports still count; its figures are final from the next day.</param>
/// <param name="Latest">The institution's latest figures, or null before the first evaluation.</param>
public sealed record TargetView(
    string Id,
    string Name,
    string InstitutionId,
    MetricKind Metric,
    VisitTier? Tier,
    int? CohortYear,
    bool DisadvantagedOnly,
    decimal Threshold,
    string Unit,
    DateOnly PeriodStart,
    DateOnly Deadline,
    DateOnly? BooksCloseOn,
    PaceKind Pace,
    bool PerUnit,
    string? Label,
    string? Text,
    ScopeView? Latest);

/// <summary>
/// One scope's latest figures: the latest evaluation's snapshot exactly as the bus carries it, with its status in words,
/// its colour, and how far it is towards its own threshold.
/// </summary>
/// <param name="UnitCode">Null for the institution's own scope.</param>
/// <param name="Day">The local day of the evaluation.</param>
/// <param name="Colour">green, yellow, red or grey, as the console board colours the status.</param>
/// <param name="ShareOfThreshold">Actual as a percentage of the scope's own threshold (to one decimal): the length of its bar.</param>
/// <param name="ExpectedShareOfThreshold">Expected-by-now as a percentage of the threshold, while the period runs.</param>
/// <param name="Rank">The place in the ranking: units lagging first, institutions (province view) leading first; null for the institution's own scope.</param>
/// <param name="Silenced">A silence in force covers the scope: the robots post nothing about it.</param>
public sealed record ScopeView(
    string? UnitCode,
    string ScopeName,
    decimal Threshold,
    DateOnly Day,
    string StatusName,
    string Colour,
    decimal ShareOfThreshold,
    decimal? ExpectedShareOfThreshold,
    int? Rank,
    bool Silenced,
    MetricSnapshot Snapshot);

/// <summary>One target's page (<c>GET /api/targets/{id}</c>): the institution's scope first, then its units lagging first.</summary>
public sealed record TargetDetail(TargetView Target, IReadOnlyList<ScopeView> Scopes, IReadOnlyList<SilenceView> Silences);

/// <summary>
/// One scope's chart (<c>GET /api/targets/{id}/series</c>): the stored rows by day, the engine's pace line over the
/// whole period, the forecast range to the deadline and, for a rate after its measurement date, the measured figure.
/// </summary>
/// <param name="Today">The institution's local date now.</param>
/// <param name="Points">One row per day with an evaluation, from <c>from</c> to <c>to</c>.</param>
/// <param name="Pace">The pace line: what is expected by the end of each day from <c>from</c> (the period's start by default) to the deadline, in the figures' units.</param>
/// <param name="Forecast">While the period runs: from the latest row to the deadline, likely and range.</param>
/// <param name="Measured">For a rate on and after its measurement date: the measured figure, provisional or final.</param>
public sealed record SeriesView(
    string TargetId,
    string? UnitCode,
    string ScopeName,
    decimal Threshold,
    string Unit,
    DateOnly PeriodStart,
    DateOnly Deadline,
    DateOnly Today,
    IReadOnlyList<SeriesPoint> Points,
    IReadOnlyList<PacePoint> Pace,
    ForecastView? Forecast,
    MeasuredView? Measured);

/// <summary>One day's figures: that day's latest evaluation.</summary>
/// <param name="Actual">The value; for a rate after its measurement date the measured one (<see cref="CurrentActual"/> is today's).</param>
public sealed record SeriesPoint(
    DateOnly Day,
    decimal Actual,
    int? Numerator,
    int? Denominator,
    decimal? ExpectedByNow,
    decimal? Forecast,
    decimal? ForecastLow,
    decimal? ForecastHigh,
    decimal? CurrentActual,
    TargetStatus Status,
    bool IsFinal);

/// <summary>The pace line's value at the end of a day.</summary>
public sealed record PacePoint(DateOnly Day, decimal Expected);

/// <summary>The forecast at the deadline, drawn from the latest figures (<paramref name="From"/>, <paramref name="FromActual"/>).</summary>
public sealed record ForecastView(DateOnly From, decimal FromActual, DateOnly Deadline, decimal Likely, decimal Low, decimal High);

/// <summary>A rate's measured figure (as of its measurement date), kept apart from today's.</summary>
/// <param name="Label">暂定 while the books are open, 最终 once they have closed (provisional / final in English).</param>
/// <param name="CurrentOn">The day of <paramref name="CurrentActual"/>: the latest evaluation.</param>
public sealed record MeasuredView(DateOnly MeasuredOn, decimal Actual, int? Numerator, int? Denominator, bool IsFinal, string Label, decimal? CurrentActual, DateOnly CurrentOn);

/// <summary>An alert of the target's timeline (<c>GET /api/targets/{id}/alerts</c>), newest first, and where it went.</summary>
/// <param name="Deliveries">One per robot whose route took it: posted (with when), waiting, or held back and why.</param>
public sealed record AlertView(
    Guid AlertId,
    DateTimeOffset EvaluatedAt,
    string? UnitCode,
    string ScopeName,
    TargetStatus? Previous,
    TargetStatus Current,
    string StatusName,
    string Colour,
    AlertSeverity Severity,
    string SeverityName,
    bool IsReminder,
    bool IsFinalNotice,
    string Summary,
    IReadOnlyList<AlertDelivery> Deliveries);

/// <summary>What became of an alert at one robot: its queue state, and the post that carried it.</summary>
public sealed record AlertDelivery(string Webhook, QueueState State, Guid? MessageId, DateTimeOffset? DeliveredAt);

/// <summary>A silence in force (<c>GET /api/silences</c>).</summary>
/// <param name="Scope">The institution's short name, or the unit's name.</param>
/// <param name="TargetName">The target's name, or null for every target.</param>
public sealed record SilenceView(long Id, string InstitutionId, string? UnitCode, string Scope, string? TargetId, string? TargetName, DateTimeOffset EndsAt, string Reason, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>
/// The province view (<c>GET /api/province</c>): institutions ranked on one kind of target (the same metric, tier,
/// cohort and year in each institution's targets file), leading first.
/// </summary>
public sealed record ProvinceRanking(string Key, string Name, MetricKind Metric, IReadOnlyList<ProvinceRow> Institutions);

/// <summary>An institution's place on one kind of target.</summary>
public sealed record ProvinceRow(int Rank, string InstitutionId, string InstitutionName, string TargetId, ScopeView Latest);
