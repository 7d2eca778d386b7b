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
using Monitor.Messages;
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
        [Description("Write a JSON array, one object per target and scope, instead of tables. 输出 JSON 数组而不是表格。")]
        public bool Json { get; init; }

        [CommandOption("--refresh")]
        [Description("Ask the worker to evaluate now (EvaluationRequested over RabbitMQ) and wait for it before showing. 先请 worker 立即评估并等它完成。")]
        public bool Refresh { get; init; }

        [CommandOption("--refresh-timeout <SECONDS>")]
        [Description("How long --refresh waits for the worker, in seconds (default 30). --refresh 最长等待的秒数。")]
        public int RefreshTimeout { get; init; } = 30;

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
        var language = ToolLanguage.From(builder.Configuration);
        var options = builder.AddMonitorOptions();
        if (options.Storage != StorageKind.Postgres)
        {
            throw new ConfigurationException(language.Pick(
                "status 读取 worker 的 PostgreSQL 数据库，但 Monitor:Storage 是 InMemory，其数据只存在于正在运行的 worker 内部。"
                + "请设置 Monitor:Storage=Postgres（设置文件、环境变量 Monitor__Storage=Postgres 或选项 --Monitor:Storage=Postgres）以及 ConnectionStrings:Monitor。",
                "status reads the worker's PostgreSQL database, but Monitor:Storage is InMemory, whose data lives only inside a running worker. "
                + "Set --Monitor:Storage=Postgres (or the environment variable Monitor__Storage=Postgres) and ConnectionStrings:Monitor."));
        }

        if (settings.Refresh && options.Transport != TransportKind.RabbitMq)
        {
            throw new ConfigurationException(language.Pick(
                "status --refresh 通过 RabbitMQ 请 worker 评估，但 Monitor:Transport 是 InMemory：请设置 Monitor:Transport=RabbitMq 以及 worker 的 RabbitMqTransport 设置。",
                "status --refresh asks the worker over RabbitMQ, but Monitor:Transport is InMemory: set Monitor:Transport=RabbitMq and the worker's RabbitMqTransport settings."));
        }

        if (settings.Refresh)
        {
            builder.AddSendingBus();
        }

        builder.AddMonitorCatalogs(options);
        builder.AddMonitorReadOnlyStorage();
        builder.Services.AddSingleton<ScopeReader>();
        builder.Services.AddSingleton<StatusReader>();
        using var host = builder.Build();
        var services = host.Services;
        CheckSelection(services.GetRequiredService<TargetCatalog>(), services.GetRequiredService<InstitutionCatalog>(), settings, language);

        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await PostgresStartup.CheckConnectionAsync(dataSource, cancellationToken);
        await PostgresStartup.CheckSchemaAsync(dataSource, cancellationToken);

        var reader = services.GetRequiredService<StatusReader>();
        var refreshed = !settings.Refresh || await RefreshAsync(services, reader, settings, language, cancellationToken);
        var lines = await reader.ReadAsync(settings.Institution, settings.Target, settings.AtDate, settings.Units, cancellationToken);
        var exit = refreshed ? ExitCodes.Ok : ExitCodes.CannotStart;
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(lines.Select(StatusRecord.From).ToList(), CliJson.Indented));
            return exit;
        }

        var english = language.IsEnglish;
        var asOf = string.Join(", ", lines.Select(l => l.Evaluation.Assessment.Today).Distinct().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        console.MarkupLine(english ? $"[bold]Targets as of {asOf}[/]" : $"[bold]目标进展（截至 {asOf}）[/]");
        var silenced = lines.Where(l => l.Silences.Count > 0).Select(l => l.Evaluation).ToHashSet(ReferenceEqualityComparer.Instance);
        console.Write(StatusBoard.Render([.. lines.Select(l => l.Evaluation)], language.Language, silenced.Contains));
        var assessed = lines.Count(l => l.Source == StatusSource.Assessed);
        ConsoleLines.Write(console, english
            ? $"[grey]Status: as last announced by the worker; {assessed} of {lines.Count} assessed here because the worker has not evaluated them for that day.[/]"
            : $"[grey]状态：取 worker 最近一次发布的状态；其中 {assessed}/{lines.Count} 项 worker 未在该日评估，按当日数据直接评估。[/]");
        var inForce = lines.SelectMany(l => l.Silences).DistinctBy(s => s.Id).OrderBy(s => s.Id).ToList();
        if (inForce.Count > 0)
        {
            var catalog = services.GetRequiredService<InstitutionCatalog>();
            var targets = services.GetRequiredService<TargetCatalog>();
            ConsoleLines.Write(console, english ? "🔕 Silenced (alerts are published, the robots do not post them):" : "🔕 静默中（告警照常发布，机器人不推送）：");
            foreach (var silence in inForce)
            {
                ConsoleLines.Write(console, "  " + Markup.Escape(SilenceText.Line(silence, catalog, targets, language.Language)));
            }
        }

        ConsoleLines.Write(console, Markup.Escape(Freshness(lines, services.GetRequiredService<InstitutionCatalog>(), settings.Refresh, language)));
        if (options.Transport == TransportKind.RabbitMq)
        {
            await WriteQueuesAsync(builder.Configuration, english, cancellationToken);
        }

        return exit;
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

    /// <summary>
    /// How old the statuses are: the figures are read from the stored facts now, but a status the worker announced is
    /// from its last evaluation, which may predate facts stored since (an import a minute ago).
    /// </summary>
    public static string Freshness(IReadOnlyList<StatusLine> lines, InstitutionCatalog institutions, bool refreshed, ToolLanguage language, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(institutions);
        ArgumentNullException.ThrowIfNull(language);
        var times = lines.Where(l => l.EvaluatedAt is not null).Select(l => l.EvaluatedAt!.Value).ToList();
        if (times.Count == 0)
        {
            return language.Pick(
                "worker 尚未评估过这些目标：状态按当前数据直接评估。`status --refresh` 请 worker 立即评估。",
                "The worker has not evaluated these targets yet: the statuses are assessed here from the stored data. `status --refresh` asks the worker to evaluate now.");
        }

        var last = times.Max();
        var zone = lines.Select(l => institutions.Find(l.Evaluation.InstitutionId)?.TimeZone).FirstOrDefault(z => z is not null) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(last, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var age = Age((now ?? DateTimeOffset.UtcNow) - last, language);
        return refreshed
            ? language.Pick($"worker 刚刚评估过（{local}，{age}前）：数字和状态都是最新的。", $"The worker evaluated just now ({local}, {age} ago): figures and statuses are current.")
            : language.Pick(
                $"worker 最近一次评估：{local}（{age}前）。数字按数据库中的数据现算；状态是那次评估的，之后到达的数据要到下一次评估才影响状态（`status --refresh` 请 worker 立即评估）。",
                $"The worker last evaluated at {local} ({age} ago). The figures are computed from the stored data now; the statuses are that evaluation's, so data stored since changes them at the next evaluation (`status --refresh` asks for one now).");
    }

    /// <summary>An age in words: 40 秒, 3 分钟, 2 小时, 5 天.</summary>
    public static string Age(TimeSpan age, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        var span = age < TimeSpan.Zero ? TimeSpan.Zero : age;
        return span.TotalMinutes < 1 ? language.Pick($"{(int)span.TotalSeconds} 秒", $"{(int)span.TotalSeconds} s")
            : span.TotalHours < 1 ? language.Pick($"{(int)span.TotalMinutes} 分钟", $"{(int)span.TotalMinutes} min")
            : span.TotalDays < 1 ? language.Pick($"{(int)span.TotalHours} 小时", $"{(int)span.TotalHours} h")
            : language.Pick($"{(int)span.TotalDays} 天", $"{(int)span.TotalDays} days");
    }

    /// <summary>
    /// Sends <see cref="EvaluationRequested"/> (confirmed by RabbitMQ) and waits, bounded, until every state the worker
    /// held for the selection was evaluated again (or, when it held none, until one appears). Compares the worker's own
    /// times with themselves, so the clocks of the two machines need not agree.
    /// </summary>
    private async Task<bool> RefreshAsync(IServiceProvider services, StatusReader reader, Settings settings, ToolLanguage language, CancellationToken cancellationToken)
    {
        var before = await reader.EvaluatedAtAsync(settings.Institution, settings.Target, cancellationToken);
        var bus = await SendingBus.StartAsync(services, cancellationToken);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{EvaluationQueue}"));
            using var sent = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            sent.CancelAfter(services.GetRequiredService<IOptions<MonitorOptions>>().Value.PublishTimeout);
            await endpoint.Send(new EvaluationRequested(settings.Institution, settings.Target), sent.Token);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }

        var timeout = TimeSpan.FromSeconds(Math.Max(1, settings.RefreshTimeout));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            var now = await reader.EvaluatedAtAsync(settings.Institution, settings.Target, cancellationToken);
            var done = before.Count == 0
                ? now.Count > 0
                : before.All(b => now.TryGetValue(b.Key, out var at) && at > b.Value);
            if (done)
            {
                return true;
            }
        }

        ConsoleLines.Write(console, "[yellow]" + Markup.Escape(language.Pick(
            $"worker 在 {timeout.TotalSeconds:0} 秒内没有完成评估（它在运行吗？请用 `health` 检查）：下面显示的是已有的状态。",
            $"The worker did not finish an evaluation within {timeout.TotalSeconds:0} s (is it running? `health` tells): the statuses below are the ones it held.")) + "[/]");
        return false;
    }

    /// <summary>The worker's queue for <see cref="EvaluationRequested"/>.</summary>
    public static string EvaluationQueue { get; } = MessagingExtensions.EndpointNames.Consumer<EvaluationRequestedConsumer>();

    private static void CheckSelection(TargetCatalog targets, InstitutionCatalog institutions, Settings settings, ToolLanguage language)
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
    }
}
