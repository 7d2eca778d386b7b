namespace Monitor.Worker.Delivery;

/// <summary>What became of an alert or digest queued for a webhook.</summary>
public enum QueueState
{
    /// <summary>Waiting: for the group window, the end of quiet hours, or a retry.</summary>
    Pending,

    /// <summary>Posted, in the message recorded with it.</summary>
    Sent,

    /// <summary>Not posted: a silence covered it when its group was due.</summary>
    Silenced,

    /// <summary>Not posted: a newer digest of the same institution was posted instead.</summary>
    Superseded,

    /// <summary>Not posted: a digest of a quiet day (weekend or holiday).</summary>
    Quiet,
}
