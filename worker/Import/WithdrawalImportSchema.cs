using System.Globalization;
using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Placement;

namespace Monitor.Worker.Import;

/// <summary>Graduates leaving a cohort's roster (e.g. 延期毕业), one per row → <see cref="GraduateWithdrawn"/>.</summary>
public sealed class WithdrawalImportSchema : ImportSchema<GraduateWithdrawn>
{
    public const string GraduateId = "graduateId";
    public const string Reason = "reason";

    public override string Noun => "withdrawal";

    public override string Queue { get; } = MessagingExtensions.EndpointNames.Consumer<GraduateWithdrawnConsumer>();

    public override string IdField => GraduateId;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new(ImportRow.InstitutionField, true, ["院校代码", "学校代码", "InstitutionId", "Institution"]),
        new(ImportRow.CohortField, true, ["届别", "毕业年份", "毕业届别", "届", "CohortYear", "Cohort"]),
        new(GraduateId, true, ["学号", "学生学号", "GraduateId", "StudentId"]),
        new(Reason, false, ["原因", "退出原因", "变动原因", "Reason"]),
    ];

    public override GraduateWithdrawn Map(ImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new GraduateWithdrawn(row.Institution(), row.Cohort(), row.Text(GraduateId) ?? string.Empty, row.Text(Reason) ?? string.Empty);
    }

    public override IReadOnlyList<string> Validate(GraduateWithdrawn message, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PlacementValidation.Validate(message, context.Institutions);
    }

    /// <summary>The store keeps one withdrawal per institution, cohort and graduate.</summary>
    public override string Key(GraduateWithdrawn message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(ImportHash.Separator, message.InstitutionId, message.CohortYear.ToString(CultureInfo.InvariantCulture), message.GraduateId);
    }

    public override string Canonical(GraduateWithdrawn message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(ImportHash.Separator, Key(message), message.Reason);
    }
}
