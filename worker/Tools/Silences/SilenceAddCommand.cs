using System.ComponentModel;
using System.Globalization;
using Monitor.Worker.Alerts;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Tools.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Silences;

/// <summary>
/// <c>silence add</c>: the robots stop posting about a target, a scope or both until a date, with a reason and who set
/// it. Alerts are still raised and published; the digest and <c>status</c> show the silence.
/// </summary>
[Description("Silence the robots' posts about a target and/or scope until a date (alerts are still published).")]
public sealed class SilenceAddCommand(HostArguments arguments, IAnsiConsole console) : AsyncCommand<SilenceAddCommand.Settings>
{
    public const int MaxReasonLength = 200;
    public const int MaxNameLength = 100;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--target <ID>")]
        [Description("Only this target (its id in the targets file); every target when left out.")]
        public string? Target { get; init; }

        [CommandOption("--institution <ID>")]
        [Description("The institution (may be left out when --target or --unit names it).")]
        public string? Institution { get; init; }

        [CommandOption("--unit <CODE>")]
        [Description("Only this unit; the institution's own scope and every unit when left out.")]
        public string? Unit { get; init; }

        [CommandOption("--until <DATE>")]
        [Description("When posting resumes, in the institution's local time: yyyy-MM-dd (at 00:00) or \"yyyy-MM-dd HH:mm\".")]
        public string? Until { get; init; }

        [CommandOption("--reason <TEXT>")]
        [Description("Why (shown in the digest and in status).")]
        public string? Reason { get; init; }

        [CommandOption("--by <NAME>")]
        [Description("Who sets it.")]
        public string? By { get; init; }

        public override ValidationResult Validate()
        {
            if (Target is null && Institution is null && Unit is null)
            {
                return ValidationResult.Error("Name what to silence: --target, --institution, --unit, or a target with a unit.");
            }

            if (Until is null || ParseUntil(Until) is null)
            {
                return ValidationResult.Error($"--until: '{Until}' is not a date in the form yyyy-MM-dd or \"yyyy-MM-dd HH:mm\" (e.g. 2024-07-01).");
            }

            return Text("--reason", Reason, MaxReasonLength) ?? Text("--by", By, MaxNameLength) ?? ValidationResult.Success();
        }

        internal static DateTime? ParseUntil(string value) =>
            DateTime.TryParseExact(value, ["yyyy-MM-dd", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var until) ? until : null;

        private static ValidationResult? Text(string option, string? value, int max) =>
            string.IsNullOrWhiteSpace(value) ? ValidationResult.Error($"{option} is required.")
            : value.Length > max ? ValidationResult.Error($"{option} is longer than {max} characters.")
            : value.Any(char.IsControl) ? ValidationResult.Error($"{option} holds a control character (a line break, a tab …); write it on one line.")
            : null;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var host = await SilenceHost.StartAsync(arguments, cancellationToken);
        var institution = Resolve(host, settings);
        var untilLocal = Settings.ParseUntil(settings.Until!)!.Value;
        var endsAt = institution.At(DateOnly.FromDateTime(untilLocal), TimeOnly.FromDateTime(untilLocal));
        if (endsAt <= host.Clock.GetUtcNow())
        {
            throw new ConfigurationException($"--until: {settings.Until} has passed in {institution.Id}'s time zone ({institution.TimeZone.Id}); a silence must end in the future.");
        }

        var silence = await host.Store.AddAsync(
            new NewSilence(institution.Id, settings.Unit, settings.Target, endsAt, settings.Reason!.Trim(), settings.By!.Trim()),
            cancellationToken);
        var line = SilenceText.Line(silence, host.Institutions, host.Targets, host.Language);
        ConsoleLines.Write(console, Markup.Escape(host.English
            ? $"Silence added: {line}. Alerts are still published; the robots do not post them until then."
            : $"已添加静默：{line}。告警照常发布，在此之前机器人不推送。"));
        return ExitCodes.Ok;
    }

    /// <summary>The institution the silence belongs to, and a check that the target and unit are its own.</summary>
    private static Institution Resolve(SilenceHost host, Settings settings)
    {
        var institutions = host.Institutions;
        var target = settings.Target is null ? null
            : host.Targets.All.FirstOrDefault(t => t.Id == settings.Target)
                ?? throw new ConfigurationException($"--target: '{settings.Target}' is not a configured target ({string.Join(", ", host.Targets.All.Select(t => t.Id))}).");
        var id = settings.Institution ?? target?.InstitutionId;
        if (id is null)
        {
            var owners = institutions.All.Where(i => i.FindUnit(settings.Unit) is not null).ToList();
            id = owners.Count == 1 ? owners[0].Id
                : throw new ConfigurationException(owners.Count == 0
                    ? $"--unit: '{settings.Unit}' is not a unit of any configured institution."
                    : $"--unit: '{settings.Unit}' is a unit of {string.Join(", ", owners.Select(o => o.Id))}; say which with --institution.");
        }

        var institution = institutions.Find(id)
            ?? throw new ConfigurationException($"--institution: '{id}' is not a configured institution ({string.Join(", ", institutions.All.Select(i => i.Id))}).");
        if (target is not null && target.InstitutionId != institution.Id)
        {
            throw new ConfigurationException($"--target: '{target.Id}' belongs to {target.InstitutionId}, not {institution.Id}.");
        }

        if (settings.Unit is not null && institution.FindUnit(settings.Unit) is null)
        {
            throw new ConfigurationException($"--unit: '{settings.Unit}' is not a unit of {institution.Id} ({string.Join(", ", institution.Units.Select(u => u.Code))}).");
        }

        return institution;
    }
}
