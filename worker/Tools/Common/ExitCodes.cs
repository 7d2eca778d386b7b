namespace Monitor.Worker.Tools.Common;

/// <summary>The executable's exit codes, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Done, nothing rejected.</summary>
    public const int Ok = 0;

    /// <summary>
    /// The input is wrong: the command found problems in it (rejected CSV rows, a missing file or column), or the
    /// command line cannot be read (an unknown option, a value of the wrong kind).
    /// </summary>
    public const int InputRejected = 1;

    /// <summary>The settings, the seed files or a server are wrong or unreachable: nothing was done.</summary>
    public const int CannotStart = 2;
}
