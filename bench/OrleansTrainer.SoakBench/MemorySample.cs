namespace OrleansTrainer.SoakBench;

/// <summary>One reading of one process's memory.</summary>
/// <param name="At">When it was read.</param>
/// <param name="Series">What was read: <c>silo-N rss</c>, <c>redis used_memory</c>, <c>redis rss</c>, <c>redis keys</c> or <c>client rss</c>.</param>
/// <param name="Value">MB (keys: a count).</param>
internal sealed record MemorySample(DateTimeOffset At, string Series, double Value);
