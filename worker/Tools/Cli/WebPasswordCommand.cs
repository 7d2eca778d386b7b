using System.ComponentModel;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Web;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Cli;

/// <summary>
/// <c>web-password</c>: reads a password from standard input (the first line; asked for twice, hidden, on a terminal)
/// and prints its hash for <c>Monitor:Web:Users:N:PasswordHash</c> as the only line of standard output, so a script
/// can take it as is; how to use it goes to standard error. The password itself is never printed or kept.
/// </summary>
[Description("Read a password from standard input and print its hash for Monitor:Web:Users:N:PasswordHash.")]
public sealed class WebPasswordCommand(HostArguments arguments, IAnsiConsole console, TextReader input) : Command
{
    public const int MinimumLength = 8;

    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var language = ToolLanguage.From(CommandHost.CreateBuilder(arguments).Configuration);
        string? password;
        if (ReferenceEquals(input, Console.In) && !Console.IsInputRedirected)
        {
            password = console.Prompt(new TextPrompt<string>(language.Pick("密码：", "Password:")).Secret());
            var again = console.Prompt(new TextPrompt<string>(language.Pick("再输入一次：", "Again:")).Secret());
            if (!string.Equals(password, again, StringComparison.Ordinal))
            {
                console.MarkupLine(Markup.Escape(language.Pick("两次输入的密码不一致，没有生成哈希。", "The two passwords differ; no hash was made.")));
                return ExitCodes.InputRejected;
            }
        }
        else
        {
            password = input.ReadLine();
        }

        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            console.MarkupLine(Markup.Escape(language.Pick(
                $"密码至少要 {MinimumLength} 个字符（从标准输入读取第一行），没有生成哈希。",
                $"The password needs at least {MinimumLength} characters (the first line of standard input); no hash was made.")));
            return ExitCodes.InputRejected;
        }

        console.Profile.Out.Writer.WriteLine(LoginEndpoints.Hash(password));
        Console.Error.WriteLine(language.Pick(
            "把上面这一行设为 Monitor__Web__Users__0__PasswordHash，用户名设为 Monitor__Web__Users__0__Name（下一个账号用 1，依此类推），然后重启 worker。",
            "Set the line above as Monitor__Web__Users__0__PasswordHash and the name as Monitor__Web__Users__0__Name (the next account is 1, and so on), then restart the worker."));
        return ExitCodes.Ok;
    }
}
