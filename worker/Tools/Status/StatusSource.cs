namespace Monitor.Worker.Tools.Status;

/// <summary>Where the status a status board shows comes from.</summary>
public enum StatusSource
{
    /// <summary>The status the worker last announced, from its stored alert state (hysteresis and dwell applied).</summary>
    Announced,

    /// <summary>The engine's status computed for the board, where the stored state does not speak for that day.</summary>
    Assessed,
}
