using System.ComponentModel;
using Monitor.Worker.Alerts;
using Monitor.Worker.Tools.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Silences;

/// <summary><c>silence remove ID</c>: ends a silence now; the robots post again from the next alert on (the ones raised meanwhile are not posted later).</summary>
[Description("End a silence now (by its number from silence list).")]
public sealed class SilenceRemoveCommand(HostArguments arguments, IAnsiConsole console) : AsyncCommand<SilenceRemoveCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The silence's number, as silence list shows it (#3 or 3).")]
        public string Id { get; init; } = "";

        [CommandOption("--by <NAME>")]
        [Description("Who removes it.")]
        public string? By { get; init; }

        public long? Number => long.TryParse(Id.TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

        public override ValidationResult Validate() =>
            Number is null ? ValidationResult.Error($"'{Id}' is not a silence number such as 3 or #3.")
            : string.IsNullOrWhiteSpace(By) ? ValidationResult.Error("--by is required.")
            : By.Length > SilenceAddCommand.MaxNameLength || By.Any(char.IsControl) ? ValidationResult.Error($"--by must be one line of at most {SilenceAddCommand.MaxNameLength} characters.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var host = await SilenceHost.StartAsync(arguments, cancellationToken);
        var english = host.English;
        var number = settings.Number!.Value;
        var before = (await host.Store.GetAllAsync(cancellationToken)).FirstOrDefault(s => s.Id == number);
        if (before is null)
        {
            ConsoleLines.Write(console, Markup.Escape(english ? $"There is no silence #{number}; silence list --all shows them all." : $"没有编号为 #{number} 的静默；silence list --all 可列出全部。"));
            return ExitCodes.InputRejected;
        }

        var now = host.Clock.GetUtcNow();
        if (!before.IsActive(now))
        {
            ConsoleLines.Write(console, Markup.Escape(english
                ? $"Silence #{number} is not in force ({SilenceListCommand.State(before, now, true)}); nothing changed."
                : $"静默 #{number} 已不在生效中（{SilenceListCommand.State(before, now, false)}），未作更改。"));
            return ExitCodes.Ok;
        }

        var removed = await host.Store.RemoveAsync(number, settings.By!.Trim(), cancellationToken);
        var line = SilenceText.Line(removed!, host.Institutions, host.Targets, host.Language);
        ConsoleLines.Write(console, Markup.Escape(english ? $"Silence removed: {line}. The robots post again from the next alert on." : $"已解除静默：{line}。机器人自下一条告警起恢复推送。"));
        return ExitCodes.Ok;
    }
}
