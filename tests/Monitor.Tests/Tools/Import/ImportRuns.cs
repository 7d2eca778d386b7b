using Microsoft.Extensions.Time.Testing;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

/// <summary>Runs both passes of an import over a file, with the messages captured instead of sent to a broker.</summary>
internal static class ImportRuns
{
    /// <summary>15 June 2024, 10:00 in Tianjin.</summary>
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 6, 15, 2, 0, 0, TimeSpan.Zero));

    /// <summary>English, as the specs of the reasons are written; <see cref="Chinese"/> for the office's language.</summary>
    public static ImportContext Context(int? cohort = null, ToolLanguage? language = null) => new(TestInstitutions.Catalog, "tjqg", cohort, Clock, language ?? ToolLanguage.English);

    public static ImportContext Chinese(int? cohort = null) => Context(cohort, ToolLanguage.Chinese);

    public static async Task<ImportResult<T>> RunAsync<T>(ImportSchema<T> schema, string path, ImportContext? context = null, string? encoding = null, string? sheet = null)
        where T : class
    {
        context ??= Context();
        var import = new SheetImport<T>(schema, context);
        var check = await import.CheckAsync(ImportFile.Recognise(path, encoding, sheet, context.Language), null, CancellationToken.None);
        var sender = new RecordingSender();
        var published = check.ToPublish == 0 ? 0 : await import.PublishAsync(check, sender, null, CancellationToken.None);
        return new ImportResult<T>(check, [.. sender.Sent.Select(s => (T)s.Message)], published, sender.Sent.Select(s => s.Queue).Distinct().ToList());
    }
}
