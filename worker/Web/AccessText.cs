using System.Net;
using Monitor.Worker.Alerts;

namespace Monitor.Worker.Web;

/// <summary>
/// The short pages of the gate and the login, in the language of <c>Monitor:Language</c> (<see cref="Wording"/>): a
/// link that has expired or is not valid, no account configured, the login form. Self-contained (styles inline), so
/// they show before any asset is allowed.
/// </summary>
public sealed class AccessText(string language)
{
    private readonly bool english = Wording.IsEnglish(language);

    /// <param name="loginUrl">The login form's address, back to this page; null when no account exists.</param>
    public string LinkExpired(string? loginUrl) => Page(
        english ? "This link has expired" : "链接已过期",
        english
            ? "<p>This link has expired. Ask the employment office for a new one.</p>"
            : "<p>这个链接已过期，请向就业办公室索取新的链接。</p>",
        loginUrl is null ? "" : LoginHint(loginUrl));

    /// <param name="loginUrl">The login form's address, back to this page; null when no account exists.</param>
    public string LinkInvalid(string? loginUrl) => Page(
        english ? "This link is not valid" : "链接无效",
        english
            ? "<p>This link is not valid: it may be incomplete or changed. Ask the employment office for a new one.</p>"
            : "<p>这个链接无效（可能不完整或被改动过），请向就业办公室索取新的链接。</p>",
        loginUrl is null ? "" : LoginHint(loginUrl));

    public string NoUsers() => Page(
        english ? "No account is set up" : "尚未设置登录账号",
        english
            ? "<p>These pages open without a login only on the worker's own machine, because no account is set up.</p>" +
              "<p>To add one: run <code>Monitor.Worker web-password</code>, type the password, and set the line it prints as " +
              "<code>Monitor__Web__Users__0__PasswordHash</code> with the name in <code>Monitor__Web__Users__0__Name</code> " +
              "(the next account is 1, and so on); then restart the worker.</p>"
            : "<p>还没有设置登录账号，这些页面只在 worker 所在的本机开放。</p>" +
              "<p>添加账号：运行 <code>Monitor.Worker web-password</code>，输入密码，把它打印的一行设为 " +
              "<code>Monitor__Web__Users__0__PasswordHash</code>，用户名设为 <code>Monitor__Web__Users__0__Name</code>" +
              "（下一个账号用 1，依此类推），然后重启 worker。</p>",
        "");

    /// <param name="returnUrl">Where to go after logging in (a local path).</param>
    /// <param name="error">Why the last attempt failed, or null.</param>
    /// <param name="usersConfigured">Whether any account exists; if not, the form is replaced by how to add one.</param>
    public string Login(string returnUrl, string? error, bool usersConfigured)
    {
        if (!usersConfigured)
        {
            return NoUsers();
        }

        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\">{Encode(error)}</p>";
        return Page(
            english ? "Log in" : "登录",
            message +
            "<form method=\"post\" action=\"login\">" +
            $"<input type=\"hidden\" name=\"returnUrl\" value=\"{Encode(returnUrl)}\">" +
            $"<label>{(english ? "Name" : "用户名")}<input name=\"name\" autocomplete=\"username\" required autofocus></label>" +
            $"<label>{(english ? "Password" : "密码")}<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>" +
            $"<button type=\"submit\">{(english ? "Log in" : "登录")}</button>" +
            "</form>",
            "");
    }

    public string WrongPassword => english ? "The name or the password is not right." : "用户名或密码不正确。";

    public string TooManyAttempts => english ? "Too many attempts from this address. Try again in a minute." : "此地址尝试次数过多，请一分钟后再试。";

    private string LoginHint(string loginUrl) =>
        $"<p class=\"note\">{(english ? "Office staff can " : "办公室人员可")}<a href=\"{Encode(loginUrl)}\">{(english ? "log in" : "登录")}</a>{(english ? " instead." : "后查看。")}</p>";

    private string Page(string title, string body, string footer) =>
        $$"""
        <!doctype html>
        <html lang="{{(english ? "en" : "zh-CN")}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}}</title>
        <style>
        body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;padding:2rem 1rem;background:#f5f6f8;color:#1f2329}
        main{max-width:28rem;margin:0 auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
        h1{font-size:1.25rem;margin:0 0 1rem}
        label{display:block;margin:.75rem 0}
        input{display:block;width:100%;box-sizing:border-box;margin-top:.25rem;padding:.5rem;font-size:1rem}
        button{margin-top:.5rem;padding:.5rem 1.5rem;font-size:1rem}
        .error{color:#c0392b}
        .note{color:#646a73;font-size:.9rem}
        code{word-break:break-all}
        </style>
        </head>
        <body>
        <main id="access">
        <h1>{{Encode(title)}}</h1>
        {{body}}
        {{footer}}
        </main>
        </body>
        </html>
        """;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
