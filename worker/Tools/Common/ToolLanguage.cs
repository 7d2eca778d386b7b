using Monitor.Worker.Alerts;

namespace Monitor.Worker.Tools.Common;

/// <summary>
/// The language of what the tools print, from <c>Monitor:Language</c> (<see cref="Wording.IsEnglish"/> decides):
/// Chinese by default, English with <c>en</c>. Each message is written in both, side by side, where it is made.
/// </summary>
public sealed record ToolLanguage(string Language)
{
    public static readonly ToolLanguage Chinese = new("zh-CN");

    public static readonly ToolLanguage English = new("en");

    public bool IsEnglish => Wording.IsEnglish(Language);

    /// <summary>The Chinese or the English text.</summary>
    public string Pick(string chinese, string english) => IsEnglish ? english : chinese;

    /// <summary>The language the settings give, read before any other setting is checked (a wrong value reads as Chinese).</summary>
    public static ToolLanguage From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var language = configuration["Monitor:Language"];
        return string.IsNullOrWhiteSpace(language) ? Chinese : new ToolLanguage(language);
    }
}
