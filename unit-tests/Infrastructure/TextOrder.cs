namespace StudyGuide.Tests.Infrastructure;

public static class TextOrder
{
    /// <summary>
    /// Each item appears in <paramref name="text"/>, and each one's first appearance comes after the previous
    /// one's. Checks presence first: two missing items (-1 &lt; -1 is false, but -1 &lt; 10 is true) must fail.
    /// </summary>
    public static void AssertInOrder(string text, params string[] items)
    {
        Assert.True(items.Length >= 2, "Give at least two items to compare.");
        foreach (var item in items) Assert.Contains(item, text, StringComparison.Ordinal);
        var positions = items.Select(item => text.IndexOf(item, StringComparison.Ordinal)).ToArray();
        for (var i = 1; i < items.Length; i++)
            Assert.True(positions[i - 1] < positions[i],
                $"Expected \"{items[i - 1]}\" (at {positions[i - 1]}) before \"{items[i]}\" (at {positions[i]}) in:\n{text}");
    }
}
