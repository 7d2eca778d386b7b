using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

/// <summary>毕业去向 as the national destination register names them, and numeric destination codes refused.</summary>
public sealed class DestinationWordSpecs : IDisposable
{
    private readonly TempFiles files = new();

    [Theory]
    [InlineData("签就业协议形式就业", Destination.AgreementEmployment)]
    [InlineData("签劳动合同形式就业", Destination.ContractEmployment)]
    [InlineData("其他录用形式就业", Destination.OtherEmployment)]
    [InlineData("科研助理、管理助理", Destination.ResearchAssistant)]
    [InlineData("西部计划", Destination.NationalGrassrootsProject)]
    [InlineData("三支一扶", Destination.NationalGrassrootsProject)]
    [InlineData("特岗教师", Destination.NationalGrassrootsProject)]
    [InlineData("升学（境内）", Destination.FurtherStudy)]
    [InlineData("出国、出境", Destination.StudyAbroad)]
    [InlineData("不就业拟升学", Destination.NotSeekingEmployment)]
    [InlineData("ContractEmployment", Destination.ContractEmployment)]
    public async Task When_a_destination_is_written_as_the_national_register_or_Monitor_names_it_should_be_read(string cell, Destination expected)
    {
        var path = files.Write("d.csv", $"学号,毕业去向,落实日期\n2024JX0001,{cell},2024/5/20\n");

        var result = await ImportRuns.RunAsync(new DestinationImportSchema(), path, ImportRuns.Context(2024));

        Assert.Equal(expected, Assert.Single(result.Sent).Destination);
    }

    [Theory]
    [InlineData("11")]
    [InlineData("501")]
    [InlineData("７０")]
    public async Task When_a_destination_is_a_numeric_code_should_refuse_it_naming_the_accepted_values(string cell)
    {
        var path = files.Write("d.csv", $"学号,毕业去向,落实日期\n2024JX0001,{cell},2024/5/20\n");

        var result = await ImportRuns.RunAsync(new DestinationImportSchema(), path, ImportRuns.Chinese(2024));

        var problem = Assert.Single(result.Check.Problems);
        Assert.Equal("毕业去向", problem.Column);
        Assert.StartsWith($"「{cell}」是数字代码：导入不换算毕业去向代码，请写去向的名称：签就业协议、签劳动合同", problem.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Sent);
    }

    public void Dispose() => files.Dispose();
}
