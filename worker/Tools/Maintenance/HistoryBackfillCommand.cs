using System.ComponentModel;
using System.Globalization;
using Monitor.Worker.Evaluation;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Replay;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Maintenance;

/// <summary>
/// <c>history backfill</c>: draws the daily history of the targets' past days from the facts in the worker's PostgreSQL
/// database — for an office that imported its year's files after the fact, so the dashboard's charts show the whole
/// period, not just the days since the worker ran. Days that have figures from a real evaluation keep them; running it
/// again recomputes the backfilled days (after another import, say).
/// </summary>
[Description("Compute the daily figures of the targets' past days from the stored facts and keep them as history (the dashboard's charts).")]
public sealed class HistoryBackfillCommand(HostArguments arguments, IAnsiConsole console) : AsyncCommand<HistoryBackfillCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--institution <ID>")]
        [Description("Only this institution's targets.")]
        public string? Institution { get; init; }

        [CommandOption("--target <ID>")]
        [Description("Only this target (its id in the targets file, or as moved by --year).")]
        public string? Target { get; init; }

        [CommandOption("--year <YEAR>")]
        [Description("The targets of the targets file moved to this year (ids, dates and cohort), as the demo does: last year's chart from last year's files.")]
        public int? Year { get; init; }

        public override ValidationResult Validate() =>
            Year is null or (>= 2000 and <= 2100)
                ? ValidationResult.Success()
                : ValidationResult.Error($"--year: {Year} is not a year such as 2023.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = CommandHost.CreateBuilder(arguments);
        var language = ToolLanguage.From(builder.Configuration);
        var options = builder.AddMonitorOptions();
        if (options.Storage != StorageKind.Postgres)
        {
            throw new ConfigurationException(language.Pick(
                "history backfill 写入 worker 的 PostgreSQL 数据库，但 Monitor:Storage 是 InMemory（演示模式启动时已自行补绘演示年度）。"
                + "请设置 Monitor:Storage=Postgres（设置文件、环境变量 Monitor__Storage=Postgres 或选项 --Monitor:Storage=Postgres）以及 ConnectionStrings:Monitor。",
                "history backfill writes to the worker's PostgreSQL database, but Monitor:Storage is InMemory (the embedded demo draws its own year at start-up). "
                + "Set --Monitor:Storage=Postgres (or Monitor__Storage=Postgres) and ConnectionStrings:Monitor."));
        }

        builder.AddMonitorCatalogs(options);
        if (settings.Year is { } year)
        {
            DemoEvents.MoveTargetsTo(builder.Services, year);
        }

        builder.AddMonitorStorage(options);
        builder.Services.AddSingleton<ScopeReader>();
        builder.Services.AddSingleton<HistoryBackfill>();
        using var host = builder.Build();
        var services = host.Services;
        var selected = Select(services.GetRequiredService<TargetCatalog>(), services.GetRequiredService<InstitutionCatalog>(), settings, language);
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await PostgresStartup.CheckConnectionAsync(dataSource, cancellationToken);
        await PostgresStartup.CheckSchemaAsync(dataSource, cancellationToken);

        var backfill = services.GetRequiredService<HistoryBackfill>();
        var rows = 0;
        foreach (var target in selected)
        {
            var drawn = await backfill.BackfillAsync(target, cancellationToken);
            rows += drawn.Rows;
            Line(Describe(drawn, language));
        }

        Line(language.Pick(
            $"共写入 {rows.ToString("N0", CultureInfo.InvariantCulture)} 行日数据（{selected.Count} 个目标）；已有 worker 实际评估数字的日子保留原数字。",
            $"{rows.ToString("N0", CultureInfo.InvariantCulture)} daily row(s) written for {selected.Count} target(s); days with figures from the worker's own evaluations keep them."));
        return ExitCodes.Ok;
    }

    private static string Describe(BackfillResult drawn, ToolLanguage language)
    {
        var target = drawn.Target;
        if (drawn.Days == 0)
        {
            return language.Pick(
                $"{target.Id} {target.Name}：周期 {target.PeriodStart:yyyy-MM-dd} 起，尚未开始，无可补绘的日子。",
                $"{target.Id} {target.Name}: its period starts on {target.PeriodStart:yyyy-MM-dd}; no day to draw yet.");
        }

        var scopes = drawn.Rows / drawn.Days;
        return language.Pick(
            $"{target.Id} {target.Name}：{drawn.First:yyyy-MM-dd} 至 {drawn.Last:yyyy-MM-dd}，{drawn.Days} 天 × {scopes} 个范围 = {drawn.Rows} 行",
            $"{target.Id} {target.Name}: {drawn.First:yyyy-MM-dd} to {drawn.Last:yyyy-MM-dd}, {drawn.Days} day(s) × {scopes} scope(s) = {drawn.Rows} row(s)");
    }

    private static List<TargetDefinition> Select(TargetCatalog targets, InstitutionCatalog institutions, Settings settings, ToolLanguage language)
    {
        if (settings.Institution is not null && institutions.Find(settings.Institution) is null)
        {
            throw new ConfigurationException(language.Pick(
                $"--institution：'{settings.Institution}' 不是已配置的院校（{string.Join(", ", institutions.All.Select(i => i.Id))}）。",
                $"--institution: '{settings.Institution}' is not a configured institution ({string.Join(", ", institutions.All.Select(i => i.Id))})."));
        }

        if (settings.Target is not null && !targets.All.Any(t => t.Id == settings.Target))
        {
            throw new ConfigurationException(language.Pick(
                $"--target：'{settings.Target}' 不是已配置的目标（{string.Join(", ", targets.All.Select(t => t.Id))}）。",
                $"--target: '{settings.Target}' is not a configured target ({string.Join(", ", targets.All.Select(t => t.Id))})."));
        }

        return [.. targets.Select(settings.Institution, settings.Target)];
    }

    /// <summary>One line, unwrapped whatever the console's width.</summary>
    private void Line(string text) => console.Profile.Out.Writer.WriteLine(text);
}
