using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;
using Monitor.Worker.Settings;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Import;
using Monitor.Worker.Tools.Maintenance;
using Monitor.Worker.Tools.Replay;
using Monitor.Worker.Tools.Silences;
using Monitor.Worker.Tools.Status;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Cli;

/// <summary>The executable's commands. <c>run</c> is the default, so <c>Monitor.Worker</c> with no command runs the worker.</summary>
public static class CliApp
{
    /// <summary>
    /// The width of a console whose output is not a terminal (a pipe, a file): wide enough that nothing is wrapped,
    /// so a line, a help example or a JSON document written through the console stays whole.
    /// </summary>
    public const int RedirectedWidth = 4096;

    /// <summary>The executable's version (its informational version, without the source revision).</summary>
    public static string Version { get; } =
        (typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null)
    {
        var arguments = HostArguments.Split(args);
        var language = Language(arguments);
        var output = console ?? AnsiConsole.Console;
        if (!output.Profile.Out.IsTerminal && output.Profile.Width < RedirectedWidth)
        {
            // Spectre wraps at 80 columns when it cannot ask a terminal for its width.
            output.Profile.Width = RedirectedWidth;
        }

        var registrar = new ServiceCollectionRegistrar();
        registrar.RegisterInstance(typeof(HostArguments), arguments);
        registrar.RegisterInstance(typeof(IAnsiConsole), output);
        string Say(string chinese, string english) => language.Pick(chinese, english);
        var app = new CommandApp(registrar);
        app.SetDefaultCommand<RunCommand>()
            .WithDescription(Say("Monitor：对照工作报告的目标跟踪招生就业工作，提前预警。不带命令时运行 worker。", "Monitor: watches employment work against the work report's targets. Without a command it runs the worker."));
        app.Configure(config =>
        {
            config.SetApplicationName("Monitor.Worker");
            config.SetApplicationVersion(Version);
            config.SetApplicationCulture(language.IsEnglish ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("zh-Hans"));
            config.SetHelpProvider(new MonitorHelp(config.Settings, language));
            config.ConfigureConsole(output);
            config.SetExceptionHandler((ex, _) => HandleException(ex, output, language));
            config.AddCommand<RunCommand>("run")
                .WithDescription(Say("运行 worker：接收事件、评估目标、发布预警和日报（默认命令）", "Run the worker: consume events, evaluate, alert (the default)"));
            config.AddCommand<HealthCommand>("health")
                .WithDescription(Say("询问本机的 worker 是否就绪（供容器健康检查）", "Ask the worker here whether it is ready (for healthchecks)"));
            config.AddBranch("import", import =>
            {
                import.SetDescription(Say("把 Excel 表格（.xlsx 或 CSV）导入 worker", "Import an Excel workbook or a CSV file into the worker"));
                import.AddCommand<ImportVisitsCommand>("visits")
                    .WithDescription(Say("导入访企拓岗走访记录 → EnterpriseVisitRecorded", "Import enterprise visits (走访记录) → EnterpriseVisitRecorded"))
                    .WithExample("import", "visits", "走访记录.xlsx")
                    .WithExample("import", "visits", "visits.csv", "--dry-run");
                import.AddCommand<ImportGraduatesCommand>("graduates")
                    .WithDescription(Say("导入毕业生名册 → GraduateRegistered", "Import a graduate roster (毕业生名册) → GraduateRegistered"))
                    .WithExample("import", "graduates", "毕业生名册.xlsx", "--cohort", "2024");
                import.AddCommand<ImportDestinationsCommand>("destinations")
                    .WithDescription(Say("导入毕业去向 → GraduateDestinationReported", "Import graduate destinations (毕业去向) → GraduateDestinationReported"))
                    .WithExample("import", "destinations", "毕业去向.xlsx", "--sheet", "6月");
                import.AddCommand<ImportCancellationsCommand>("cancellations")
                    .WithDescription(Say("导入撤销误录的走访 → EnterpriseVisitCancelled", "Import cancellations of visits (撤销走访) → EnterpriseVisitCancelled"))
                    .WithExample("import", "cancellations", "撤销走访.xlsx", "--dry-run");
                import.AddCommand<ImportWithdrawalsCommand>("withdrawals")
                    .WithDescription(Say("导入退出当届的毕业生（延期毕业等）→ GraduateWithdrawn", "Import graduates leaving a roster (延期毕业) → GraduateWithdrawn"))
                    .WithExample("import", "withdrawals", "延期毕业.xlsx", "--cohort", "2024");
                import.AddCommand<ImportTemplateCommand>("template")
                    .WithDescription(Say("写出一个可填写的 Excel 模板（中文表头、示例行、下拉列表）", "Write an Excel template to fill in (headers, samples, lists)"))
                    .WithExample("import", "template", "visits", "--out", "走访记录模板.xlsx");
            });
            config.AddCommand<StatusCommand>("status")
                .WithDescription(Say("显示每个目标的数字和状态，以及它们有多新（只读）", "Show every target's figures and status, and how fresh they are"))
                .WithExample("status", "--units")
                .WithExample("status", "--refresh")
                .WithExample("status", "--json", "--at", "2024-06-15");
            config.AddBranch("silence", silence =>
            {
                silence.SetDescription(Say("在某日期前让机器人不推送某目标或范围（告警照常发布）", "Mute the robots about a target or scope until a date (alerts are still published)"));
                silence.AddCommand<SilenceAddCommand>("add")
                    .WithDescription(Say("静默一个目标和/或范围直到某日，注明原因和设置人", "Silence a target and/or scope until a date, with a reason and who sets it"))
                    .WithExample("silence", "add", "--unit", "XN", "--until", "2024-07-01", "--reason", "迎评期间", "--by", "张三");
                silence.AddCommand<SilenceListCommand>("list")
                    .WithDescription(Say("列出生效中的静默（--all：全部）", "List the silences in force (--all: every silence ever set)"))
                    .WithExample("silence", "list");
                silence.AddCommand<SilenceRemoveCommand>("remove")
                    .WithDescription(Say("立即结束一条静默", "End a silence now"))
                    .WithExample("silence", "remove", "3", "--by", "张三");
            });
            config.AddCommand<RedriveCommand>("redrive")
                .WithDescription(Say("把入站错误队列中的消息移回原队列重新读取（可重复运行）", "Move the messages of the inbound error queues back to be read again (safe to repeat)"))
                .WithExample("redrive", "--dry-run")
                .WithExample("redrive", "monitor-graduate-registered");
            config.AddCommand<PurgeCommand>("purge")
                .WithDescription(Say("届次年度结束后删除其名册和去向报告（个人信息）", "Delete a cohort's roster and destination reports (personal data) once its year is over"))
                .WithExample("purge", "--institution", "tjqg", "--cohort", "2023", "--yes");
            config.AddBranch("history", history =>
            {
                history.SetDescription(Say("仪表板图表所读的每日数字", "The daily figures the dashboard's charts read"));
                history.AddCommand<HistoryBackfillCommand>("backfill")
                    .WithDescription(Say("按已存事实补算目标以往每天的数字（事后导入一年的数据之后）", "Compute the targets' past days from the stored facts (after importing a year's files)"))
                    .WithExample("history", "backfill")
                    .WithExample("history", "backfill", "--institution", "tjqg", "--target", "placement-2024")
                    .WithExample("history", "backfill", "--year", "2023");
            });
            config.AddCommand<ReplayCommand>("replay")
                .WithDescription(Say("在模拟时钟上重放演示年度或事件文件，打印预警", "Replay the demo year or event files on a simulated clock"))
                .WithExample("replay", "--quiet-reminders")
                .WithExample("replay", "--json", "--from", "2023-03-01");
            config.UseStrictParsing();
        });

        return await app.RunAsync(arguments.Command);
    }

    /// <summary>Monitor:Language from the settings; Chinese when they cannot be read (the command then says why).</summary>
    private static ToolLanguage Language(HostArguments arguments)
    {
        try
        {
            return ToolLanguage.From(CommandHost.CreateBuilder(arguments).Configuration);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException)
        {
            return ToolLanguage.Chinese;
        }
    }

    private static int HandleException(Exception ex, IAnsiConsole console, ToolLanguage language)
    {
        var inner = ex is CommandRuntimeException or CommandParseException ? ex : Unwrap(ex);
        switch (inner)
        {
            case ConfigurationException or StartupException or OptionsValidationException:
                console.MarkupLine(language.Pick("[red]Monitor 无法启动：[/]", "[red]Monitor cannot start:[/] ") + Markup.Escape(inner.Message));
                return ExitCodes.CannotStart;
            case CommandParseException or CommandRuntimeException:
                // The command line itself is wrong (an unknown option, a value that is not a year): input, not settings.
                console.MarkupLine($"[red]{Markup.Escape(inner.Message)}[/]" + Markup.Escape(language.Pick("（--help 列出全部选项）", " (--help lists the options)")));
                return ExitCodes.InputRejected;
            case CommandAppException:
                console.MarkupLine($"[red]{Markup.Escape(inner.Message)}[/]");
                return ExitCodes.CannotStart;
            default:
                console.WriteException(inner, ExceptionFormats.ShortenEverything);
                return ExitCodes.CannotStart;
        }
    }

    private static Exception Unwrap(Exception ex) => ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : ex;
}
