using Monitor.Worker.Institutions;
using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>What an import knows besides the file: the configured institutions, the defaults given as options, the clock the validation uses, and the language of its messages.</summary>
/// <param name="Institutions">The institutions file.</param>
/// <param name="Institution">The institution of rows without an institution column or cell (<c>--institution</c>, or the only configured one).</param>
/// <param name="Cohort">The cohort of rows without a cohort column or cell (<c>--cohort</c>).</param>
/// <param name="Clock">Today, for "not in the future" checks.</param>
/// <param name="Language">The language of the problems reported (Monitor:Language).</param>
public sealed record ImportContext(InstitutionCatalog Institutions, string? Institution, int? Cohort, TimeProvider Clock, ToolLanguage Language);
