namespace Monitor.Worker.Inbound;

/// <summary>What happened to an inbound event at the store.</summary>
public enum StoreOutcome
{
    /// <summary>Stored for the first time.</summary>
    Accepted,

    /// <summary>The same id with the same content was stored before: nothing changed.</summary>
    Duplicate,

    /// <summary>The same id with other content was stored before: the first version is kept.</summary>
    Conflict,
}
