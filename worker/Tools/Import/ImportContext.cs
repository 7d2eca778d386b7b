using Monitor.Worker.Institutions;

namespace Monitor.Worker.Tools.Import;

/// <summary>What an import knows besides the file: the configured institutions, the defaults given as options, and the clock the validation uses.</summary>
/// <param name="Institutions">The institutions file.</param>
/// <param name="Institution">The institution of rows without an institution column or cell (<c>--institution</c>, or the only configured one).</param>
/// <param name="Cohort">The cohort of rows without a cohort column or cell (<c>--cohort</c>).</param>
/// <param name="Clock">Today, for "not in the future" checks.</param>
public sealed record ImportContext(InstitutionCatalog Institutions, string? Institution, int? Cohort, TimeProvider Clock);
