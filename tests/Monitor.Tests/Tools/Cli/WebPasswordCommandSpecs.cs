using Monitor.Worker.Settings;
using Monitor.Worker.Tools.Cli;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Web;
using Spectre.Console;

namespace Monitor.Tests.Tools.Cli;

/// <summary><c>web-password</c>: the hash of the password read from standard input as the only line of output, or a refusal in the configured language.</summary>
public sealed class WebPasswordCommandSpecs
{
    [Fact]
    public async Task When_a_password_is_piped_in_should_print_only_its_hash_which_logs_in_with_that_password_alone()
    {
        var (exit, output) = await RunAsync("correct horse battery\n");

        Assert.Equal(ExitCodes.Ok, exit);
        var hash = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(WebUser.IsHash(hash));
        var user = new WebUser { Name = "office", PasswordHash = hash };
        Assert.True(LoginEndpoints.Verify(user, "correct horse battery"));
        Assert.False(LoginEndpoints.Verify(user, "correct horse battery "));
        Assert.DoesNotContain("correct horse battery", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_same_password_is_hashed_twice_should_give_two_hashes_each_with_its_own_salt()
    {
        var (_, first) = await RunAsync("correct horse battery\n");
        var (_, second) = await RunAsync("correct horse battery\n");

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("", "zh-CN", "密码至少要 8 个字符（从标准输入读取第一行），没有生成哈希。")]
    [InlineData("short\n", "zh-CN", "密码至少要 8 个字符（从标准输入读取第一行），没有生成哈希。")]
    [InlineData("short\n", "en", "The password needs at least 8 characters (the first line of standard input); no hash was made.")]
    public async Task When_the_password_is_missing_or_short_should_refuse_it_in_the_configured_language(string input, string language, string message)
    {
        var (exit, output) = await RunAsync(input, $"--Monitor:Language={language}");

        Assert.Equal((ExitCodes.InputRejected, message), (exit, output.Trim()));
    }

    private static async Task<(int Exit, string Output)> RunAsync(string input, params string[] options)
    {
        using var writer = new StringWriter();
        using var reader = new StringReader(input);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var exit = await CliApp.RunAsync(["web-password", .. options], console, reader);
        return (exit, writer.ToString());
    }
}
