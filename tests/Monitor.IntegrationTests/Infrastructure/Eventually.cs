namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>
/// Waits for an asynchronous outcome by polling until it holds or a deadline passes; the caller then asserts on the
/// value returned. The delay between polls only paces the polling: it is never what a test asserts on.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(holds);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (holds(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds} s waiting until {what}; last value: {Describe(value)}");
            }

            await Task.Delay(PollInterval);
        }
    }

    public static Task<T> UntilAsync<T>(Func<T> probe, Func<T, bool> holds, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(probe()), holds, what, timeout);

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Collections.ICollection c => $"{c.Count} item(s)",
        _ => value.ToString() ?? string.Empty,
    };
}
