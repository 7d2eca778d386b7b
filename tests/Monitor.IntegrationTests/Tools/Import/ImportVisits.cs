namespace Monitor.IntegrationTests.Tools.Import;

/// <summary>
/// A visits spreadsheet with Chinese headers, dated before the test clock's 15 June 2024: 10 rows, one an exact repeat,
/// so 9 visits. Leadership: 3 employers in 5 visits (a bracket and a space variant of two names, a code left out).
/// Units: 3 employers (JX, DZ, RG), the RG employer visited twice.
/// </summary>
public static class ImportVisits
{
    public const int Rows = 10;
    public const int Visits = 9;
    public const int LeadershipEmployers = 3;
    public const int UnitEmployers = 3;

    public const string Csv = """
        走访日期,走访层级,学院,用人单位名称,统一社会信用代码,走访方式,开拓岗位数,备注
        2024/3/12,领导班子,,天津滨海智能装备有限公司,91120116MA05K3T8XC,走出去,12,校领导带队
        2024/3/20,领导班子,,天津港（集团）有限公司,91120000103100784F,请进来,30,
        2024/4/2,领导班子,,天津港(集团)有限公司,,走出去,5,
        2024/4/8,领导班子,,天津 滨海智能装备有限公司,,走出去,2,
        2024/5/6,领导班子,,天津渤海化工集团有限责任公司,,走出去,7,
        2024/4/9,二级学院,机械工程学院,天津精工模具有限公司,91120118MA06ABCD1Y,实地走访,8,
        2024/4/9,二级学院,机械工程学院,天津精工模具有限公司,91120118MA06ABCD1Y,实地走访,8,重复录入
        2024/4/16,二级学院,电子信息与自动化学院,天津中环电子信息集团有限公司,91120222MA07QW3E2P,走出去,15,
        2024/5/8,二级学院,人工智能学院,天津人工智能创新中心,,来校,6,
        2024/5/15,二级学院,RG,天津人工智能创新中心,,走出去,4,
        """;
}
