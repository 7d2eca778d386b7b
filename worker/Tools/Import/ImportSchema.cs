using Monitor.Worker.Institutions;
using Monitor.Worker.Tools.Common;















namespace Monitor.Worker.Tools.Import;

/// <summary>
/// One kind of spreadsheet an import reads, whatever its message type: the accepted columns, the checks of the header,
/// the worker's queue, and the template (<c>import template</c>).
/// </summary>
public abstract class ImportSchema
{
    /// <summary>What a row is, for English messages: "visit".</summary>
    public abstract string Noun { get; }

    /// <summary>What the file is, for Chinese messages: "走访记录".</summary>
    public abstract string ChineseNoun { get; }

    /// <summary>The noun in <paramref name="language"/>.</summary>
    public string NounIn(ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return language.Pick(ChineseNoun, Noun);
    }

    public abstract IReadOnlyList<ImportField> Fields { get; }

    /// <summary>The worker's receive queue for message type.</summary>
    public abstract string Queue { get; }

    /// <summary>The field of the business id, against which a reused id is reported.</summary>
    public abstract string IdField { get; }

    /// <summary>
    /// Refuses a header row that shows the file is meant for another import (<see cref="ImportException"/>, naming
    /// that import); called with the header row as read, before the columns are resolved.
    /// </summary>
    public virtual void CheckHeaders(IReadOnlyList<string> headers, ToolLanguage language)
    {
    }

    /// <summary>A warning when <paramref name="columns"/> give no id and the rows' ids are derived from their content: null by default.</summary>
    public virtual string? DerivedIdNote(ColumnMap columns, ToolLanguage language) => null;

    /// <summary>What sending <paramref name="count"/> rows does to the worker's figures, when that cannot be undone by importing again: "cancels 2 visit(s) …"; null otherwise.</summary>
    public virtual string? Consequence(int count, ToolLanguage language) => null;

    /// <summary>Refuses a header row the fields alone cannot judge (<see cref="ImportException"/>); called once the columns are resolved.</summary>
    public virtual void CheckColumns(ColumnMap columns, ToolLanguage language)
    {
    }

    /// <summary>
    /// The template's columns (<c>import template</c>), in order, each with its value in the sample rows: typed (a
    /// <see cref="DateOnly"/> is written as a date cell, an <see cref="int"/> as a number). <paramref name="unit"/> is
    /// a unit of the institution, for the sample to be valid.
    /// </summary>
    public abstract IReadOnlyList<(string Field, object?[] Samples)> Template(Unit unit);

    /// <summary>The values a template's drop-down list offers for a field (Chinese first): none by default.</summary>
    public virtual IReadOnlyDictionary<string, IReadOnlyList<string>> Choices(Institution? institution) => new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The option that gives <paramref name="field"/> for every row, when it is set: <c>--institution</c> or <c>--cohort</c>.</summary>
    public virtual string? OptionFor(string field, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return field switch
        {
            ImportRow.InstitutionField when context.Institution is not null => "--institution",
            ImportRow.CohortField when context.Cohort is not null => "--cohort",
            _ => null,
        };
    }
}

/// <summary>
/// How the rows of one kind of spreadsheet become one message type: the accepted columns, the mapping of a row, the
/// consumers' own validation, the business id that makes a row a duplicate, and the worker's queue for the type.
/// </summary>
public abstract class ImportSchema<TMessage> : ImportSchema
    where TMessage : class
{
    /// <summary>Reads a row into a message, recording problems on the row for cells that cannot be read.</summary>
    public abstract TMessage Map(ImportRow row);

    /// <summary>The consumer's own validation of the message ("field: reason" per error).</summary>
    public abstract IReadOnlyList<string> Validate(TMessage message, ImportContext context);

    /// <summary>What makes two rows the same event for the worker (its business id).</summary>
    public abstract string Key(TMessage message);

    /// <summary>Every field of the message, normalised, joined with <see cref="ImportHash.Separator"/>: equal for identical rows.</summary>
    public abstract string Canonical(TMessage message);
}
