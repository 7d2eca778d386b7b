using Monitor.Worker.Tools.Common;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Monitor.Worker.Tools.Cli;

/// <summary>Spectre's help, with the root help ending on how settings are given (once, for every command).</summary>
public sealed class MonitorHelp(ICommandAppSettings settings, ToolLanguage language) : HelpProvider(settings)
{
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        foreach (var line in base.GetFooter(model, command))
        {
            yield return line;
        }

        if (command is not null && !(command.IsDefaultCommand && command.Parent is null))
        {
            yield break;
        }

        yield return new Markup(Environment.NewLine + (language.IsEnglish ? "[yellow]SETTINGS:[/]" : "[yellow]设置：[/]") + Environment.NewLine);
        foreach (var line in Settings(language))
        {
            yield return new Markup("    " + Markup.Escape(line) + Environment.NewLine);
        }
    }

    /// <summary>How every command takes its settings, later sources winning.</summary>
    public static IReadOnlyList<string> Settings(ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return language.IsEnglish
            ?
            [
                "Every command reads the worker's settings, later ones winning:",
                "1. appsettings.json beside the executable",
                "2. appsettings.json in the current folder",
                "3. environment variables: Monitor__Transport=RabbitMq, RabbitMqTransport__Host=…",
                "4. options: --Monitor:Transport=RabbitMq, --ConnectionStrings:Monitor \"Host=…\"",
                "Monitor:Language: zh-CN (default) or en. See docs/tools.md.",
            ]
            :
            [
                "每个命令都读取与 worker 相同的设置，后面的优先：",
                "1. 可执行文件旁边的 appsettings.json",
                "2. 当前文件夹中的 appsettings.json",
                "3. 环境变量：Monitor__Transport=RabbitMq、RabbitMqTransport__Host=…",
                "4. 选项：--Monitor:Transport=RabbitMq、--ConnectionStrings:Monitor \"Host=…\"",
                "Monitor:Language：zh-CN（默认）或 en。详见 docs/tools.md。",
            ];
    }
}
