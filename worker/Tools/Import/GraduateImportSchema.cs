using System.Globalization;
using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Placement;

namespace Monitor.Worker.Tools.Import;

/// <summary>A graduate roster (毕业生名册), one graduate per row → <see cref="GraduateRegistered"/>.</summary>
public sealed class GraduateImportSchema : ImportSchema<GraduateRegistered>
{
    public const string GraduateId = "graduateId";
    public const string UnitCode = "unitCode";
    public const string Major = "major";
    public const string Disadvantaged = "disadvantaged";

    /// <summary>The words of a 困难群体 cell; several are separated by 、 , ， ; ； / | or spaces.</summary>
    public static readonly IReadOnlyDictionary<string, string> Categories = ImportText.Words(
        ("LowIncome", ["LowIncome", "低保家庭", "低保", "最低生活保障家庭"]),
        ("PovertyAlleviated", ["PovertyAlleviated", "脱贫家庭", "脱贫户", "防止返贫监测对象", "返贫监测对象", "防返贫监测对象", "建档立卡", "建档立卡贫困家庭"]),
        ("ZeroEmploymentFamily", ["ZeroEmploymentFamily", "零就业家庭"]),
        ("Disability", ["Disability", "残疾", "残疾人", "残疾毕业生"]),
        ("LongTermUnemployed", ["LongTermUnemployed", "较长时间未就业"]),
        ("Other", ["Other", "其他", "其它"]));

    /// <summary>Cells that mean "no category".</summary>
    public static readonly IReadOnlySet<string> NoCategory = new HashSet<string>(["无", "否", "非困难", "none", "no"], StringComparer.OrdinalIgnoreCase);

    private static readonly char[] CategorySeparators = ['、', ',', '，', ';', '；', '/', '|', ' ', '\u3000'];

    public override string Noun => "graduate";

    public override string ChineseNoun => "毕业生名册";

    public override string Queue { get; } = MessagingExtensions.EndpointNames.Consumer<GraduateRegisteredConsumer>();

    public override string IdField => GraduateId;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new(ImportRow.InstitutionField, true, ["院校代码", "学校代码", "InstitutionId", "Institution"]),
        new(ImportRow.CohortField, true, ["届别", "毕业年份", "毕业届别", "届", "CohortYear", "Cohort"], ImportFieldKind.WholeNumber),
        new(GraduateId, true, ["学号", "学生学号", "GraduateId", "StudentId"]),
        new(UnitCode, true, ["学院", "二级学院", "院系", "所在学院", "学院代码", "UnitCode", "Unit"]),
        new(Major, false, ["专业", "专业名称", "Major"]),
        new(Disadvantaged, false, ["困难群体", "困难群体类别", "困难类别", "困难类型", "Disadvantaged"]),
    ];

    public override IReadOnlyList<(string Field, object?[] Samples)> Template(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return
        [
            (ImportRow.CohortField, [2024, 2024]),
            (GraduateId, ["2024JX0001", "2024JX0002"]),
            (UnitCode, [unit.Name, unit.Name]),
            (Major, ["机电一体化技术", "机电一体化技术"]),
            (Disadvantaged, [null, "低保家庭"]),
        ];
    }

    public override IReadOnlyDictionary<string, IReadOnlyList<string>> Choices(Institution? institution) => institution is null
        ? new Dictionary<string, IReadOnlyList<string>>()
        : new Dictionary<string, IReadOnlyList<string>> { [UnitCode] = [.. institution.Units.Select(u => u.Name)] };

    public override GraduateRegistered Map(ImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var institution = row.Institution();
        return new GraduateRegistered(
            institution,
            row.Cohort(),
            row.Text(GraduateId) ?? string.Empty,
            row.Unit(UnitCode, institution) ?? string.Empty,
            row.Text(Major),
            ReadCategories(row));
    }

    public override IReadOnlyList<string> Validate(GraduateRegistered message, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PlacementValidation.Validate(message, context.Institutions);
    }

    public override string Key(GraduateRegistered message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(ImportHash.Separator, message.InstitutionId, message.CohortYear.ToString(CultureInfo.InvariantCulture), message.GraduateId);
    }

    public override string Canonical(GraduateRegistered message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(
            ImportHash.Separator,
            Key(message),
            message.UnitCode,
            message.Major,
            string.Join(',', message.Disadvantaged));
    }

    private static List<string> ReadCategories(ImportRow row)
    {
        var text = row.Text(Disadvantaged);
        var categories = new List<string>();
        if (text is null || NoCategory.Contains(text))
        {
            return categories;
        }

        foreach (var word in text.Split(CategorySeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Categories.TryGetValue(ImportText.WordKey(word), out var category))
            {
                if (!categories.Contains(category))
                {
                    categories.Add(category);
                }
            }
            else
            {
                row.Problem(Disadvantaged, row.Context.Language.Pick(
                    $"「{word}」不是困难群体类别：低保家庭、脱贫家庭、防止返贫监测对象、零就业家庭、残疾、较长时间未就业或其他（或 LowIncome、PovertyAlleviated、ZeroEmploymentFamily、Disability、LongTermUnemployed、Other）",
                    $"'{word}' is not a disadvantaged category: 低保家庭, 脱贫家庭, 防止返贫监测对象, 零就业家庭, 残疾, 较长时间未就业 or 其他 (or LowIncome, PovertyAlleviated, ZeroEmploymentFamily, Disability, LongTermUnemployed, Other)"));
            }
        }

        // The worker treats categories as a set; one order keeps the same graduate's rows identical.
        categories.Sort(StringComparer.Ordinal);
        return categories;
    }
}
