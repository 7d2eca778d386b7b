



























namespace Monitor.Worker.Targets;

/// <summary>How a scope (the whole institution, or one unit) is named in measurements and alert state.</summary>
public static class ScopeKeys
{
    /// <summary>The key of the institution-wide measurement.</summary>
    public const string Institution = "";

    /// <summary>"institution" or "institution/unit": the alert state's scope key.</summary>
    public static string For(string institutionId, string? unitCode) =>
        string.IsNullOrEmpty(unitCode) ? institutionId : $"{institutionId}/{unitCode}";

    /// <summary>Whether a scope key names a unit ("institution/unit") rather than the whole institution.</summary>
    public static bool IsUnit(string scopeKey) => scopeKey.Contains('/', StringComparison.Ordinal);
}
