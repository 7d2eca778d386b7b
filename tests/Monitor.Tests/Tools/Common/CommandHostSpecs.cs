using Monitor.Worker.Tools.Common;

namespace Monitor.Tests.Tools.Common;

/// <summary>Settings are found beside the executable from any folder; the current folder and the command line still win.</summary>
public sealed class CommandHostSpecs : IDisposable
{
    private readonly string executableFolder = Directory.CreateTempSubdirectory("monitor-bin-").FullName;
    private readonly string currentFolder = Directory.CreateTempSubdirectory("monitor-cwd-").FullName;

    public CommandHostSpecs() => File.WriteAllText(
        Path.Combine(executableFolder, "appsettings.json"),
        """{ "Monitor": { "Language": "en", "Storage": "Postgres", "Transport": "RabbitMq" } }""");

    [Fact]
    public void When_started_from_another_folder_should_read_the_settings_beside_the_executable()
    {
        var configuration = Build([]);

        Assert.Equal("en", configuration["Monitor:Language"]);
        Assert.Equal("Postgres", configuration["Monitor:Storage"]);
    }

    [Fact]
    public void When_the_current_folder_holds_a_settings_file_should_let_it_and_the_command_line_win_over_the_one_beside_the_executable()
    {
        File.WriteAllText(Path.Combine(currentFolder, "appsettings.json"), """{ "Monitor": { "Language": "zh-CN", "Storage": "InMemory" } }""");

        var configuration = Build(["--Monitor:Storage=Postgres"]);

        Assert.Equal("zh-CN", configuration["Monitor:Language"]);
        Assert.Equal("Postgres", configuration["Monitor:Storage"]);
        Assert.Equal("RabbitMq", configuration["Monitor:Transport"]);
    }

    [Fact]
    public void When_the_host_is_built_should_keep_the_current_folder_as_the_content_root()
    {
        var builder = CommandHost.CreateBuilder(new HostArguments([], []), currentFolder, executableFolder);

        Assert.Equal(Path.TrimEndingDirectorySeparator(currentFolder), Path.TrimEndingDirectorySeparator(builder.Environment.ContentRootPath));
    }

    public void Dispose()
    {
        Directory.Delete(executableFolder, recursive: true);
        Directory.Delete(currentFolder, recursive: true);
    }

    private Microsoft.Extensions.Configuration.ConfigurationManager Build(string[] arguments) =>
        CommandHost.CreateBuilder(new HostArguments(arguments, []), currentFolder, executableFolder).Configuration;
}
