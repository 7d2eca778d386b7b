namespace Monitor.Worker.Tools.Import;

/// <summary>The kinds of file <c>import</c> reads, by the name of their command.</summary>
public static class ImportKinds
{
    public static readonly IReadOnlyDictionary<string, ImportSchema> All = new Dictionary<string, ImportSchema>(StringComparer.OrdinalIgnoreCase)
    {
        ["visits"] = new VisitImportSchema(),
        ["graduates"] = new GraduateImportSchema(),
        ["destinations"] = new DestinationImportSchema(),
        ["cancellations"] = new CancellationImportSchema(),
        ["withdrawals"] = new WithdrawalImportSchema(),
    };
}
