using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Monitor.Worker.Settings;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;
using Monitor.Worker.Evaluation;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Alerts;

namespace Monitor.Worker.Tools.Status;

/// <summary>
/// <c>status</c>: every target's figures and status, read from the worker's PostgreSQL database. Read-only: it saves no
/// alert state, writes no outbox row and publishes nothing (its connections are read-only at the database too).
/// </summary>
[Description("Show every target's actual, expected-by-now, forecast and status from the worker's PostgreSQL database (read-only).")]
public sealed class StatusCommand(HostArguments arguments, IAnsiConsole console) : AsyncCommand<StatusCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--target <ID>")]
        [Description("Only this target (its id in the targets file).")]
        public string? Target { get; init; }

        [CommandOption("--institution <ID>")]
        [Description("Only this institution's targets.")]
        public string? Institution { get; init; }

        [CommandOption("--at <DATE>")]
        [Description("Evaluate as of this local date, yyyy-MM-dd (default: today in each institution's time zone).")]
        public string? At { get; init; }

        [CommandOption("--units")]
        [Description("Also show each unit (secondary college or department) of targets measured per unit.")]
        public bool Units { get; init; }

        [CommandOption("--json")]
        [Description("Write a JSON array, one object per target and scope, instead of tables.")]
        public bool Json { get; init; }

        public DateOnly? AtDate =>
            At is null ? null : DateOnly.ParseExact(At, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        public override ValidationResult Validate() =>
            At is null || DateOnly.TryParseExact(At, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? ValidationResult.Success()
                : ValidationResult.Error($"--at: '{At}' is not a date in the form yyyy-MM-dd (e.g. 2024-06-15).");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = CommandHost.CreateBuilder(arguments);
        var options = builder.AddMonitorOptions();
        if (options.Storage != StorageKind.Postgres)
        {
            throw new ConfigurationException(
                "status reads the worker's PostgreSQL database, but Monitor:Storage is InMemory, whose data lives only inside a running worker. "
                + "Set --Monitor:Storage=Postgres (or the environment variable Monitor__Storage=Postgres) and ConnectionStrings:Monitor.");
        }

        builder.AddMonitorCatalogs(options);
        builder.AddMonitorReadOnlyStorage();
        builder.Services.AddSingleton<ScopeReader>();
        builder.Services.AddSingleton<StatusReader>();
        using var host = builder.Build();
        var services = host.Services;
        CheckSelection(services.GetRequiredService<TargetCatalog>(), services.GetRequiredService<InstitutionCatalog>(), settings);

        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await PostgresStartup.CheckConnectionAsync(dataSource, cancellationToken);
        await PostgresStartup.CheckSchemaAsync(dataSource, cancellationToken);

        var lines = await services.GetRequiredService<StatusReader>()
            .ReadAsync(settings.Institution, settings.Target, settings.AtDate, settings.Units, cancellationToken);
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(lines.Select(StatusRecord.From).ToList(), CliJson.Indented));
            return ExitCodes.Ok;
        }

        var language = services.GetRequiredService<IOptions<MonitorOptions>>().Value.Language;
        var english = Wording.IsEnglish(language);
        var asOf = string.Join(", ", lines.Select(l => l.Evaluation.Assessment.Today).Distinct().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        console.MarkupLine(english ? $"[bold]Targets as of {asOf}[/]" : $"[bold]目标进展（截至 {asOf}）[/]");
        console.Write(StatusBoard.Render([.. lines.Select(l => l.Evaluation)], language));
        var assessed = lines.Count(l => l.Source == StatusSource.Assessed);
        ConsoleLines.Write(console, english
            ? $"[grey]Status: as last announced by the worker; {assessed} of {lines.Count} assessed here because the worker has not evaluated them for that day.[/]"
            : $"[grey]状态：取 worker 最近一次发布的状态；其中 {assessed}/{lines.Count} 项 worker 未在该日评估，按当日数据直接评估。[/]");
        if (options.Transport == TransportKind.RabbitMq)
        {
            await WriteQueuesAsync(builder.Configuration, english, cancellationToken);
        }

        return ExitCodes.Ok;
    }

    /// <summary>What waits in the inbound queues and their error queues; the board stands even when the broker does not answer.</summary>
    private async Task WriteQueuesAsync(IConfiguration configuration, bool english, CancellationToken cancellationToken)
    {
        using var queues = BrokerQueues.Create(configuration);
        IReadOnlyList<QueueDepth> depths;
        try
        {
            depths = await queues.ReadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            ConsoleLines.Write(console, $"[yellow]{Markup.Escape(english ? "Queues: the RabbitMQ management API at" : "队列：RabbitMQ 管理接口")} {Markup.Escape(queues.Address.ToString())} {Markup.Escape(english ? "did not answer" : "无应答")}: {Markup.Escape(ex.Message)}[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(english ? "Inbound queues" : "接收队列");
        foreach (var column in english ? new[] { "Queue", "Waiting", "In progress", "Error queue", "Skipped" } : ["队列", "等待", "处理中", "错误队列", "未处理"])
        {
            table.AddColumn(column);
        }

        foreach (var q in depths)
        {
            table.AddRow(
                Markup.Escape(q.Queue),
                q.Waiting.ToString(CultureInfo.InvariantCulture),
                q.InProgress.ToString(CultureInfo.InvariantCulture),
                q.Errors > 0 ? $"[red]{q.Errors}[/]" : "0",
                q.Skipped > 0 ? $"[yellow]{q.Skipped}[/]" : "0");
        }

        console.Write(table);
        var parked = depths.Sum(q => q.Errors + q.Skipped);
        if (parked > 0)
        {
            ConsoleLines.Write(console, english
                ? $"[grey]{parked} message(s) in error queues: each refused one has an EventRejected with its reason; once the cause is fixed, `redrive` moves them back.[/]"
                : $"[grey]错误队列中有 {parked} 条消息：每条被拒消息都有一条 EventRejected 说明原因；原因排除后可用 `redrive` 移回。[/]");
        }
    }

    private static void CheckSelection(TargetCatalog targets, InstitutionCatalog institutions, Settings settings)
    {
        if (settings.Institution is not null && institutions.Find(settings.Institution) is null)
        {
            throw new ConfigurationException($"--institution: '{settings.Institution}' is not a configured institution ({string.Join(", ", institutions.All.Select(i => i.Id))}).");
        }

        if (settings.Target is not null && !targets.All.Any(t => t.Id == settings.Target))
        {
            throw new ConfigurationException($"--target: '{settings.Target}' is not a configured target ({string.Join(", ", targets.All.Select(t => t.Id))}).");
        }
    }
}
