using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's headless Chromium driven through its ChromeDriver (scripts/browser.sh installs both), both given by path so
/// Selenium never tries to download a browser or a driver. A fresh profile per browser, deleted on dispose.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverFolder = "/usr/bin";

    private readonly string profile;

    private Browser(ChromeDriver driver, string profile)
    {
        Driver = driver;
        this.profile = profile;
    }

    public ChromeDriver Driver { get; }

    /// <summary>Starts the browser with a viewport of <paramref name="width"/> × <paramref name="height"/> CSS pixels.</summary>
    public static Browser Start(int width, int height, double deviceScale = 1)
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(Path.Combine(DriverFolder, "chromedriver")))
        {
            throw new InvalidOperationException($"{ChromiumPath} or {DriverFolder}/chromedriver is missing: run `bash scripts/browser.sh` as root.");
        }

        var profile = Directory.CreateTempSubdirectory("monitor-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };

        // Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this closed network refuses.
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile}", $"--window-size={width},{height}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(DriverFolder, "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        try
        {
            driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
            {
                ["width"] = width,
                ["height"] = height,
                ["deviceScaleFactor"] = deviceScale,
                ["mobile"] = width < 600,
            });
            return new Browser(driver, profile);
        }
        catch
        {
            driver.Quit();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits until the page says it has drawn everything (body[data-ready]).</summary>
    public void Open(Uri url)
    {
        Driver.Navigate().GoToUrl(url);
        WaitUntilReady();
    }

    public void WaitUntilReady() =>
        new WebDriverWait(Driver, TimeSpan.FromSeconds(30)).Until(d =>
            d.FindElements(By.CssSelector("body[data-ready='true']")).Count > 0
            || d.FindElements(By.CssSelector("main .error")).Count > 0);

    /// <summary>Runs a script in the page and returns its result as JSON text (the caller parses it).</summary>
    public string Json(string expression) => (string)Driver.ExecuteScript($"return JSON.stringify({expression});")!;

    /// <summary>What the page wrote to the console at warning level or above, and every failed load.</summary>
    public IReadOnlyList<string> ConsoleProblems() =>
        [.. Driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level}: {e.Message}")];

    public void Screenshot(string path) => Driver.GetScreenshot().SaveAsFile(path);

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; the temporary folder is left for the system.
        }
    }
}
