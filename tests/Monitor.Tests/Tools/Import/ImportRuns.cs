using Microsoft.Extensions.Time.Testing;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

/// <summary>Runs both passes of an import over a file, with the messages captured instead of sent to a broker.</summary>
internal static class ImportRuns
{
    /// <summary>15 June 2024, 10:00 in Tianjin.</summary>
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 6, 15, 2, 0, 0, TimeSpan.Zero));

    public static ImportContext Context(int? cohort = null) => new(TestInstitutions.Catalog, "tjqg", cohort, Clock);

    public static async Task<ImportResult<T>> RunAsync<T>(ImportSchema<T> schema, string path, ImportContext? context = null, string? encoding = null)
        where T : class
    {
        var import = new CsvImport<T>(schema, context ?? Context());
        var check = await import.CheckAsync(path, CsvEncoding.Detect(path, encoding), null, CancellationToken.None);
        var sender = new RecordingSender();
        var published = check.ToPublish == 0 ? 0 : await import.PublishAsync(path, check, sender, null, CancellationToken.None);
        return new ImportResult<T>(check, [.. sender.Sent.Select(s => (T)s.Message)], published, sender.Sent.Select(s => s.Queue).Distinct().ToList());
    }
}
