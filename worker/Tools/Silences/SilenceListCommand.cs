using System.ComponentModel;
using System.Text.Json;
using Monitor.Worker.Alerts;
using Monitor.Worker.Tools.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Silences;

/// <summary><c>silence list</c>: the silences in force (or, with <c>--all</c>, every silence ever set).</summary>
[Description("List the silences in force (--all: also those ended or removed).")]
public sealed class SilenceListCommand(HostArguments arguments, IAnsiConsole console) : AsyncCommand<SilenceListCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--all")]
        [Description("Also the silences that have ended or were removed.")]
        public bool All { get; init; }

        [CommandOption("--json")]
        [Description("Write a JSON array, one object per silence, instead of a table.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var host = await SilenceHost.StartAsync(arguments, cancellationToken);
        var now = host.Clock.GetUtcNow();
        var silences = settings.All ? await host.Store.GetAllAsync(cancellationToken) : await host.Store.GetActiveAsync(now, cancellationToken);
        if (settings.Json)
        {
            var records = silences.Select(s => SilenceRecord.From(s, now, host.Institutions, host.Targets, host.Language)).ToList();
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(records, CliJson.Indented));
            return ExitCodes.Ok;
        }

        var english = host.English;
        if (silences.Count == 0)
        {
            console.WriteLine(english ? (settings.All ? "No silence has been set." : "No silence is in force.") : (settings.All ? "尚未设置过静默。" : "当前没有生效的静默。"));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in english ? new[] { "Id", "Covers", "Until", "Set by", "Reason", "State" } : ["编号", "范围 · 目标", "截止", "设置人", "原因", "状态"])
        {
            table.AddColumn(column);
        }

        foreach (var silence in silences)
        {
            table.AddRow(
                Markup.Escape($"#{silence.Id}"),
                Markup.Escape(SilenceText.Covers(silence, host.Institutions, host.Targets, host.Language)),
                Markup.Escape(SilenceText.Until(silence, host.Institutions)),
                Markup.Escape(silence.CreatedBy),
                Markup.Escape(silence.Reason),
                Markup.Escape(State(silence, now, english)));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }

    internal static string State(Silence silence, DateTimeOffset now, bool english) =>
        silence.RemovedAt is not null ? english ? $"removed by {silence.RemovedBy}" : $"已由 {silence.RemovedBy} 解除"
        : silence.IsActive(now) ? english ? "in force" : "生效中"
        : english ? "ended" : "已到期";
}
