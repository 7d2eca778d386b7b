namespace Monitor.Benchmarks.Years;

/// <summary>
/// A small deterministic random source (SplitMix64), so that a year's file is the same on every machine and every
/// .NET version: <see cref="System.Random"/> promises neither.
/// </summary>
internal sealed class Draw(ulong seed)
{
    private ulong state = seed;

    /// <summary>A seed from a name, so that each year and scope draws its own sequence.</summary>
    public static Draw For(string name)
    {
        ulong hash = 14695981039346656037;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return new Draw(hash);
    }

    /// <summary>A number from 0 (included) to 1 (excluded).</summary>
    public double Next() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A whole number from 0 to <paramref name="count"/> - 1.</summary>
    public int Next(int count) => (int)(Next() * count);

    public bool Chance(double probability) => Next() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Picks by weight: <paramref name="items"/> as (item, weight).</summary>
    public T Pick<T>(IReadOnlyList<(T Item, double Weight)> items)
    {
        var roll = Next() * items.Sum(i => i.Weight);
        foreach (var (item, weight) in items)
        {
            roll -= weight;
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    /// <summary>The items in an order of this draw's choosing (Fisher–Yates).</summary>
    public List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    private ulong NextBits()
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
