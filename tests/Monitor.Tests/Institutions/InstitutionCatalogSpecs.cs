using Monitor.Tests.Support;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;

namespace Monitor.Tests.Institutions;

public sealed class InstitutionCatalogSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void When_the_seed_institutions_are_loaded_should_give_the_college_and_its_eight_units()
    {
        var catalog = InstitutionCatalog.Load(RepositoryFiles.Path("seeds", "institutions.json"));

        var tjqg = Assert.Single(catalog.All);
        Assert.Equal(("tjqg", "天津轻工职业技术学院", "天津轻工职院"), (tjqg.Id, tjqg.Name, tjqg.ShortName));
        Assert.Equal(["JX", "DZ", "RG", "XN", "CL", "JG", "YS", "ZJ"], tjqg.Units.Select(u => u.Code));
        Assert.Equal("新能源工程学院", tjqg.FindUnit("XN")?.Name);
        Assert.Same(tjqg, catalog.Find("tjqg"));
        Assert.Null(catalog.Find("nankai"));
    }

    [Fact]
    public void When_an_instant_is_converted_should_give_the_local_date_in_Tianjin()
    {
        var tjqg = InstitutionCatalog.Load(RepositoryFiles.Path("seeds", "institutions.json")).Find("tjqg")!;

        Assert.Equal(new DateOnly(2024, 1, 1), tjqg.LocalDate(new DateTimeOffset(2023, 12, 31, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2023, 12, 31), tjqg.LocalDate(new DateTimeOffset(2023, 12, 31, 15, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void When_the_institutions_file_has_mistakes_should_list_each_with_its_json_path()
    {
        var path = _files.Write("institutions.json", """
            {
              "institutions": [
                { "id": "tjqg", "name": "天津轻工职业技术学院", "timeZone": "Asia/Shanghai",
                  "units": [ { "code": "JX", "name": "机械工程学院" }, { "code": "JX", "name": "电子信息与自动化学院" }, { "code": "RG" } ] },
                { "id": "tjqg", "name": "重复" },
                { "name": "无编号" },
                { "id": "mars", "name": "火星学院", "timeZone": "Mars/Olympus" }
              ]
            }
            """);

        var ex = Assert.Throws<ConfigurationException>(() => InstitutionCatalog.Load(path));

        Assert.StartsWith($"{path} has 5 error(s):", ex.Message, StringComparison.Ordinal);
        Assert.Contains("institutions[0].units[1].code: 'JX' appears twice", ex.Message, StringComparison.Ordinal);
        Assert.Contains("institutions[0].units[2]: code and name are required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("institutions[1].id: 'tjqg' appears twice", ex.Message, StringComparison.Ordinal);
        Assert.Contains("institutions[2].id: required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("institutions[3].timeZone: 'Mars/Olympus' is not a known time zone", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_no_institution_is_configured_should_say_one_is_required()
    {
        var path = _files.Write("institutions.json", """{ "institutions": [] }""");

        var ex = Assert.Throws<ConfigurationException>(() => InstitutionCatalog.Load(path));

        Assert.Contains("institutions: at least one institution is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_institutions_file_is_missing_should_name_the_setting_to_fix()
    {
        var ex = Assert.Throws<ConfigurationException>(() => InstitutionCatalog.Load(Path.Combine(Path.GetTempPath(), "no-such-institutions.json")));

        Assert.Contains("Monitor:InstitutionsFile", ex.Message, StringComparison.Ordinal);
    }
}
