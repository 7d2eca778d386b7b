using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using Monitor.Messages;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Import;
using Monitor.Worker.Institutions;
using Monitor.Worker.Visits;

namespace Monitor.Benchmarks;

/// <summary>
/// The validation pass of <c>import visits</c> (map every row, run the consumer's validation, detect duplicates) over a
/// generated visits file, against CsvHelper reading the same file's fields as strings with nothing else. Two sizes, to
/// show that the cost and the allocation per row stay the same as the file grows.
/// </summary>
[MemoryDiagnoser]
public class VisitCsvBenchmarks
{
    private static readonly string[] Units = ["机械工程学院", "电子信息与自动化学院", "人工智能学院", "新能源工程学院", "材料工程学院", "经济管理学院", "艺术工程学院", "ZJ"];

    private string path = string.Empty;
    private SheetImport<EnterpriseVisitRecorded>? import;
    private ImportFile? file;

    [Params(5_000, 50_000)]
    public int Rows { get; set; }

    /// <summary>The institution of the generated visits.</summary>
    internal static readonly Institution Tjqg = new(
        "tjqg",
        "天津轻工职业技术学院",
        "天津轻工职院",
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        [
            new Unit("JX", "机械工程学院"), new Unit("DZ", "电子信息与自动化学院"), new Unit("RG", "人工智能学院"),
            new Unit("XN", "新能源工程学院"), new Unit("CL", "材料工程学院"), new Unit("JG", "经济管理学院"),
            new Unit("YS", "艺术工程学院"), new Unit("ZJ", "招生就业处"),
        ]);

    [GlobalSetup]
    public void Setup()
    {
        path = Path.Combine(Path.GetTempPath(), $"monitor-benchmark-visits-{Rows}.csv");
        Write(path, Rows);
        import = new SheetImport<EnterpriseVisitRecorded>(new VisitImportSchema(), new ImportContext(new InstitutionCatalog([Tjqg]), "tjqg", null, TimeProvider.System, ToolLanguage.English));
        file = ImportFile.Recognise(path, null, null, ToolLanguage.English);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(path);

    /// <summary>CsvHelper alone: every field of every row read as a string.</summary>
    [Benchmark(Baseline = true)]
    public long ReadRawRecords()
    {
        using var reader = CsvReader.Create(File.OpenRead(path), CsvReaderOptions.Default with { TrackLineNumbers = true }, leaveOpen: false);
        long characters = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                characters += reader.GetString(i).Length;
            }
        }

        return characters;
    }

    /// <summary>The import's validation pass: header mapping, every row mapped and validated, duplicates detected.</summary>
    [Benchmark]
    public async Task<int> ReadAndValidate()
    {
        var check = await import!.CheckAsync(file!, null, CancellationToken.None);
        return check.Valid == Rows && check.Rejected == 0 ? check.Valid : throw new InvalidOperationException($"{check.Rejected} generated rows were rejected: {(check.Problems.Count > 0 ? check.Problems[0] : null)}");
    }

    /// <summary>
    /// Visits as an office's spreadsheet has them: Chinese headers, one in three leadership visits, units by name, a
    /// valid credit code on two rows in three, an ignored remarks column; every row distinct.
    /// </summary>
    internal static void Write(string file, int rows)
    {
        using var writer = new StreamWriter(file, false, new UTF8Encoding(true));
        writer.Write("走访日期,走访层级,学院,用人单位名称,统一社会信用代码,走访方式,开拓岗位数,备注\r\n");
        var start = new DateOnly(2024, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var leadership = i % 3 == 0;
            var employer = i % 5000;
            var code = i % 3 == 2 ? string.Empty : Code(employer);
            var day = start.AddDays(i % 160).ToString("yyyy/M/d", CultureInfo.InvariantCulture);
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"{day},{(leadership ? "领导班子" : "二级学院")},{(leadership ? string.Empty : Units[i % Units.Length])},天津市第{employer}号智能制造有限公司,{code},{(i % 4 == 0 ? "请进来" : "走出去")},{i % 50},第{i}行\r\n"));
        }
    }

    private static string Code(int employer)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"9112011{employer:D6}MA05");
        return first17 + EmployerIdentity.CheckCharacter(first17);
    }
}
