using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Tools.Common;
using Spectre.Console;
using Spectre.Console.Cli;

using ConfigurationException = Monitor.Worker.Settings.ConfigurationException;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// <c>import visits|graduates|destinations|cancellations|withdrawals FILE</c> (an Excel workbook or a CSV file): checks
/// every row with the consumers' own validation, reports the rejected ones by row and column, and — only if none is
/// rejected, unless <c>--skip-invalid</c> — sends the rows to the worker's queues on RabbitMQ with publisher confirms,
/// then asks the worker to evaluate the institutions imported (<see cref="EvaluationRequested"/>), so their figures
/// are fresh at once rather than at the next scheduled evaluation.
/// </summary>
public abstract class ImportCommand<TMessage, TSettings>(HostArguments arguments, IAnsiConsole console) : AsyncCommand<TSettings>
    where TMessage : class
    where TSettings : ImportSettings
{
    /// <summary>Files from this size on show a progress bar on an interactive console.</summary>
    public const long ProgressFromBytes = 1024 * 1024;

    protected abstract ImportSchema<TMessage> Schema { get; }

    /// <summary>The command's name under <c>import</c>: visits, graduates …</summary>
    protected abstract string Kind { get; }

    protected virtual int? Cohort(TSettings settings) => null;

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = CommandHost.CreateBuilder(arguments);
        var language = ToolLanguage.From(builder.Configuration);
        var report = new ImportReport(console, language, settings.Json);
        var outcome = new Outcome(Kind, settings);
        int exit;
        try
        {
            exit = await ImportAsync(builder, settings, report, outcome, cancellationToken);
        }
        catch (ImportException ex)
        {
            exit = Fail(report, outcome, ex.Message, ExitCodes.InputRejected);
        }
        catch (Exception ex) when (ex is ConfigurationException or StartupException or OptionsValidationException)
        {
            exit = Fail(report, outcome, ex.Message, ExitCodes.CannotStart);
        }

        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(outcome.ToJson(exit), CliJson.Indented));
        }

        return exit;
    }

    private static int Fail(ImportReport report, Outcome outcome, string message, int exit)
    {
        report.Line(report.Language.Pick("[red]无法导入：[/]", "[red]Cannot import:[/] ") + Markup.Escape(message));
        outcome.Error = message;
        return exit;
    }

    private async Task<int> ImportAsync(HostApplicationBuilder builder, TSettings settings, ImportReport report, Outcome outcome, CancellationToken cancellationToken)
    {
        var language = report.Language;

        // A command-line tool: the bus's start and stop are not news, its warnings and errors are.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = builder.AddMonitorOptions();
        if (!settings.DryRun && options.Transport != TransportKind.RabbitMq)
        {
            throw new ConfigurationException(language.Pick(
                $"Monitor:Transport 是 {options.Transport}：导入在自己的进程中运行，无法通过内存传输到达 worker。"
                + "请在设置中写明 RabbitMQ（settings 文件里 \"Monitor\": { \"Transport\": \"RabbitMq\" }，或环境变量 Monitor__Transport=RabbitMq，或选项 --Monitor:Transport=RabbitMq），以及 worker 所用的 RabbitMqTransport 设置；--dry-run 只检查文件、不发送。",
                $"Monitor:Transport is {options.Transport}: an import runs in its own process and cannot reach a worker through the in-memory transport. "
                + "Set Monitor__Transport=RabbitMq (or --Monitor:Transport=RabbitMq, or \"Monitor\": { \"Transport\": \"RabbitMq\" } in a settings file) and the RabbitMqTransport settings of the worker; --dry-run checks the file without sending."));
        }

        var institutionsFile = SeedFiles.Path(options.InstitutionsFile);
        var institutions = InstitutionCatalog.Load(institutionsFile);
        var institution = settings.Institution;
        if (institution is not null && institutions.Find(institution) is null)
        {
            throw new ImportException(language.Pick(
                $"--institution '{institution}' 不是 {institutionsFile} 中的院校（{string.Join(", ", institutions.All.Select(i => i.Id))}）。",
                $"--institution '{institution}' is not an institution of {institutionsFile} ({string.Join(", ", institutions.All.Select(i => i.Id))})."));
        }

        institution ??= institutions.All.Count == 1 ? institutions.All.First().Id : null;
        if (!File.Exists(settings.File))
        {
            throw new ImportException(language.Pick($"{Path.GetFullPath(settings.File)}：没有这个文件。", $"{Path.GetFullPath(settings.File)}: no such file."));
        }

        var file = ImportFile.Recognise(settings.File, settings.Encoding, settings.Sheet, language);
        outcome.File = file;
        var import = new SheetImport<TMessage>(Schema, new ImportContext(institutions, institution, Cohort(settings), TimeProvider.System, language));
        var noun = Schema.NounIn(language);
        report.Header(noun, file);
        var check = await WithProgressAsync(language.Pick("检查", "Checking"), settings, progress => import.CheckAsync(file, progress, cancellationToken));
        outcome.Check = check;
        report.Check(check);
        if (Schema.DerivedIdNote(check.Columns, language) is { } note)
        {
            report.Note(note);
        }

        var exit = check.Rejected > 0 ? ExitCodes.InputRejected : ExitCodes.Ok;
        var consequence = Schema.Consequence(check.ToPublish, language);
        if (settings.DryRun)
        {
            report.Summary(check, null);
            report.Line(language.Pick("试运行：没有发送任何内容。", "Dry run: nothing was sent.") + (consequence is null ? string.Empty : Markup.Escape(language.Pick($"若发送，此文件将{consequence}。", $" Sent, this file {consequence}."))));
            return exit;
        }

        if (check.Rejected > 0 && !settings.SkipInvalid)
        {
            report.Summary(check, null);
            report.Line(language.Pick(
                $"[red]没有发送任何内容：[/]{check.Rejected} 行被拒绝。请更正后重新导入，或加上 --skip-invalid 先发送 {check.ToPublish} 行有效的行。",
                $"[red]Nothing was sent:[/] {check.Rejected} row(s) rejected. Correct them and import the file again, or add --skip-invalid to send the {check.ToPublish} valid row(s) now."));
            return exit;
        }

        var sent = check.ToPublish == 0 ? 0 : await PublishAsync(builder, import, check, options.PublishTimeout, report, outcome, cancellationToken);
        outcome.Sent = sent;
        report.Summary(check, sent);
        if (sent > 0)
        {
            if (consequence is not null)
            {
                report.Line(Markup.Escape(language.Pick($"此次导入{Schema.Consequence(sent, language)}。", $"This import {Schema.Consequence(sent, language)}.")));
            }

            report.Line(Markup.Escape(language.Pick(
                $"已请 worker 立即重新评估 {string.Join("、", outcome.Evaluated)} 的目标（EvaluationRequested）：`status` 很快就会显示包含这些数据的数字。",
                $"Asked the worker to evaluate {string.Join(", ", outcome.Evaluated)} now (EvaluationRequested): `status` shows figures with these rows shortly.")));
            report.Refusals(Schema.Queue);
        }

        return exit;
    }

    private async Task<int> PublishAsync(HostApplicationBuilder builder, SheetImport<TMessage> import, ImportCheck check, TimeSpan timeout, ImportReport report, Outcome outcome, CancellationToken cancellationToken)
    {
        var language = report.Language;
        builder.AddSendingBus();
        using var host = builder.Build();
        var bus = await SendingBus.StartAsync(host.Services, cancellationToken);
        using var sender = new RabbitMqImportSender(bus, timeout);
        try
        {
            var sent = await WithProgressAsync(language.Pick("发送", "Publishing"), check.File.Path, progress => import.PublishAsync(check, sender, progress, cancellationToken));

            // Every row is confirmed; once the worker has taken them off the queue, it is asked to evaluate what changed
            // (the request sent, and confirmed, the same way).
            await QueueDrain.WaitAsync(host.Services.GetRequiredService<IOptions<RabbitMqTransportOptions>>().Value, Schema.Queue, timeout, cancellationToken);
            foreach (var institution in check.Institutions.Order(StringComparer.Ordinal))
            {
                await sender.SendAsync(ImportSchemas.EvaluationQueue, new EvaluationRequested(institution, null), cancellationToken);
            }

            await sender.FlushAsync(cancellationToken);
            outcome.Evaluated = [.. check.Institutions.Order(StringComparer.Ordinal)];
            return sent;
        }
        catch (ImportPublishException ex)
        {
            report.Summary(check, Math.Min(sender.Confirmed, check.ToPublish));
            outcome.Sent = Math.Min(sender.Confirmed, check.ToPublish);
            throw new StartupException(
                language.Pick(
                    $"{ex.Message}{Environment.NewLine}导入停止前，{check.ToPublish} 行中已有 {Math.Min(sender.Confirmed, check.ToPublish)} 行发送给 worker（RabbitMQ 已确认）。再次导入同一文件是安全的：每一行的编号不变，worker 对每个编号只保存一次。",
                    $"{ex.Message}{Environment.NewLine}{Math.Min(sender.Confirmed, check.ToPublish)} of {check.ToPublish} row(s) were sent to the worker (confirmed by RabbitMQ) before the import stopped. Importing the same file again is safe: every row keeps its id, and the worker stores each id once."),
                ex);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private Task<T> WithProgressAsync<T>(string label, TSettings settings, Func<Action<long>?, Task<T>> run) =>
        WithProgressAsync(label, settings.File, run);

    private async Task<T> WithProgressAsync<T>(string label, string path, Func<Action<long>?, Task<T>> run)
    {
        var length = new FileInfo(path).Length;
        if (!console.Profile.Capabilities.Interactive || length < ProgressFromBytes)
        {
            return await run(null);
        }

        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label, maxValue: length);
                var result = await run(bytes => task.Value = bytes);
                task.Value = length;
                return result;
            });
    }

    /// <summary>What the import did, for <c>--json</c>.</summary>
    private sealed class Outcome(string kind, TSettings settings)
    {
        public ImportFile? File { get; set; }

        public ImportCheck? Check { get; set; }

        public int Sent { get; set; }

        public IReadOnlyList<string> Evaluated { get; set; } = [];

        public string? Error { get; set; }

        public ImportJson ToJson(int exit) => new(
            kind,
            settings.File,
            File is null ? null : File.IsWorkbook ? "xlsx" : "csv",
            File?.Encoding?.Description,
            Check?.Layout?.Name,
            Check?.Layout?.HeaderRow,
            Check?.Rows,
            Check?.Valid,
            Check?.Rejected,
            Check?.Duplicates,
            Sent,
            settings.DryRun,
            Evaluated,
            Check is null ? [] : [.. Check.Problems.Select(p => new ImportJsonProblem(p.Line, p.Column, p.Letter, p.Reason))],
            Check?.ProblemsNotKept ?? 0,
            exit,
            Error);
    }
}
