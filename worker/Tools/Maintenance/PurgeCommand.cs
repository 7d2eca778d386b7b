using System.ComponentModel;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Placement;
using Monitor.Worker.Settings;
using Monitor.Worker.Tools.Common;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Maintenance;

/// <summary>
/// <c>purge</c>: deletes a cohort's personal data — roster, withdrawals, reinstatements, destination reports — once
/// its year is over (the placement verdict was taken on its measurement date and its books have closed). Without
/// <c>--yes</c> it only says what it would delete. The alerts, snapshots and alert state hold only figures and stay.
/// </summary>
[Description("Delete a cohort's roster and destination reports from PostgreSQL once its year is over (personal data).")]
public sealed class PurgeCommand(HostArguments arguments, IAnsiConsole console) : AsyncCommand<PurgeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--institution <ID>")]
        [Description("The institution (required).")]
        public string? Institution { get; init; }

        [CommandOption("--cohort <YEAR>")]
        [Description("The cohort (届), e.g. 2023 (required).")]
        public int? Cohort { get; init; }

        [CommandOption("--yes")]
        [Description("Delete; without it the command only counts what it would delete.")]
        public bool Yes { get; init; }

        public override ValidationResult Validate() =>
            Institution is null || Cohort is null
                ? ValidationResult.Error("--institution and --cohort are required, e.g. purge --institution tjqg --cohort 2023.")
                : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = CommandHost.CreateBuilder(arguments);
        var options = builder.AddMonitorOptions();
        if (options.Storage != StorageKind.Postgres)
        {
            throw new ConfigurationException("purge deletes from the worker's PostgreSQL database: set --Monitor:Storage=Postgres (or Monitor__Storage=Postgres) and ConnectionStrings:Monitor.");
        }

        builder.AddMonitorCatalogs(options);
        builder.AddMonitorStorage(options);
        using var host = builder.Build();
        var institution = host.Services.GetRequiredService<InstitutionCatalog>().Find(settings.Institution!)
            ?? throw new ConfigurationException($"--institution: '{settings.Institution}' is not a configured institution.");
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        await PostgresStartup.CheckConnectionAsync(dataSource, cancellationToken);
        await PostgresStartup.CheckSchemaAsync(dataSource, cancellationToken);

        var language = ToolLanguage.From(builder.Configuration);
        var cohort = settings.Cohort!.Value;
        var today = institution.LocalDate(host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (today.Year <= cohort)
        {
            Line(language.Pick(
                $"{institution.Id} 的 {cohort} 届尚未结束（今天是 {today:yyyy-MM-dd}）：其落实率仍在统计，{cohort + 1}-01-01 起方可删除。",
                $"The {cohort} cohort's year is not over in {institution.Id} (today is {today:yyyy-MM-dd}): its placement figures are still measured. Purge it from {cohort + 1}-01-01 on."));
            return ExitCodes.InputRejected;
        }

        var store = host.Services.GetRequiredService<IPlacementStore>();
        if (!settings.Yes)
        {
            var facts = await store.GetCohortAsync(institution.Id, cohort, cancellationToken);
            Line(language.Pick(
                $"{institution.Id} {cohort} 届：将删除毕业生 {facts.Graduates.Count} 人（其中已退出 {facts.WithdrawnGraduateIds.Count} 人）、毕业去向记录 {facts.Reports.Count} 条。加 --yes 再运行一次即删除。",
                $"{institution.Id} {cohort}: {facts.Graduates.Count} graduate(s), {facts.WithdrawnGraduateIds.Count} withdrawn, {facts.Reports.Count} destination report(s) would be deleted. Run again with --yes to delete them."));
            return ExitCodes.Ok;
        }

        var purged = await store.PurgeCohortAsync(institution.Id, cohort, cancellationToken);
        Line(language.Pick(
            $"{institution.Id} {cohort} 届：已删除毕业生 {purged.Graduates} 人、退出记录 {purged.Withdrawals} 条、恢复记录 {purged.Reinstatements} 条、毕业去向记录 {purged.Reports} 条。",
            $"{institution.Id} {cohort}: deleted {purged.Graduates} graduate(s), {purged.Withdrawals} withdrawal(s), {purged.Reinstatements} reinstatement(s), {purged.Reports} destination report(s)."));
        return ExitCodes.Ok;
    }

    /// <summary>One line, unwrapped whatever the console's width.</summary>
    private void Line(string text) => console.Profile.Out.Writer.WriteLine(text);
}
