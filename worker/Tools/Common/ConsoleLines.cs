using Spectre.Console;

namespace Monitor.Worker.Tools.Common;

/// <summary>
/// Writes a line of markup: coloured and wrapped on a terminal; into a file or a pipe, as plain text on one line, so
/// each line stays whole for grep and the like.
/// </summary>
public static class ConsoleLines
{
    public static void Write(IAnsiConsole console, string markup)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (Console.IsOutputRedirected && ReferenceEquals(console, AnsiConsole.Console))
        {
            console.Profile.Out.Writer.WriteLine(Markup.Remove(markup));
            return;
        }

        console.MarkupLine(markup);
    }
}
