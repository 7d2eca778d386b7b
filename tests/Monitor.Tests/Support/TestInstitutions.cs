using Monitor.Worker.Institutions;

namespace Monitor.Tests.Support;

/// <summary>天津轻工职院 with its eight units, as in seeds/institutions.json.</summary>
internal static class TestInstitutions
{
    public static readonly Institution Tjqg = new(
        "tjqg",
        "天津轻工职业技术学院",
        "天津轻工职院",
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        [
            new Unit("JX", "机械工程学院"), new Unit("DZ", "电子信息与自动化学院"), new Unit("RG", "人工智能学院"),
            new Unit("XN", "新能源工程学院"), new Unit("CL", "材料工程学院"), new Unit("JG", "经济管理学院"),
            new Unit("YS", "艺术工程学院"), new Unit("ZJ", "招生就业处"),
        ]);

    public static readonly InstitutionCatalog Catalog = new([Tjqg]);

    public static IReadOnlyList<string> UnitCodes => Tjqg.Units.Select(u => u.Code).ToList();
}
