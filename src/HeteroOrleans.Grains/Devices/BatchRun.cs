using System.Diagnostics;

namespace HeteroOrleans.Grains.Devices;

/// <summary>
/// The work one run of a device took, and what came of it: run on the compute thread, each caller answered its share
/// once the run is over.
/// </summary>
internal sealed class BatchRun(List<QueuedWork> items, int images)
{
    private Classification? _value;
    private (Classification? Value, Exception? Error)[]? _alone;
    private long _startedAt;

    /// <summary>The work taken, oldest of the highest priority first.</summary>
    public List<QueuedWork> Items { get; } = items;

    /// <summary>Images of all the work together.</summary>
    public int Images { get; } = images;

    /// <summary>
    /// On the compute thread: the pieces' images as one batch through the first piece's model. Should the batch fail,
    /// each piece runs alone, so that one caller's bad work fails that caller only.
    /// </summary>
    public void Run()
    {
        if (Items.Count == 0)
        {
            return;
        }

        _startedAt = Stopwatch.GetTimestamp();
        foreach (var item in Items)
        {
            item.OnStart();
        }

        try
        {
            _value = Items[0].Input.Run(Joined(), Images);
        }
        catch (Exception e)
        {
            _alone = [.. Items.Select(item => Items.Count == 1 ? (null, e) : Alone(item.Input))];
        }
    }

    /// <summary>Answers each caller its share of a run that took <paramref name="runMs"/>.</summary>
    public void Complete(double runMs)
    {
        var from = 0;
        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            var to = from + item.Input.Count;
            item.Registration.Dispose();
            if (_alone is { } alone)
            {
                _ = alone[i] is ({ } own, null)
                    ? item.Completion.TrySetResult(Share(own, item, runMs, i == 0))
                    : item.Completion.TrySetException(alone[i].Error ?? new InvalidOperationException("The batch gave no answer."));
            }
            else if (_value is { } value)
            {
                var share = Items.Count == 1 ? value : value with { Labels = value.Labels[from..to], Confidences = value.Confidences[from..to], Logits = Slice(value, from, to) };
                item.Completion.TrySetResult(Share(share, item, runMs, i == 0));
            }

            from = to;
        }
    }

    /// <summary>Ends every caller's work without an answer.</summary>
    public void Fail(Exception error)
    {
        foreach (var item in Items)
        {
            item.Fail(error);
        }
    }

    private static (Classification?, Exception?) Alone(BatchInput input)
    {
        try
        {
            return (input.Run(input.Data, input.Count), null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    private BatchShare Share(Classification value, QueuedWork item, double runMs, bool first) =>
        new(value, Stopwatch.GetElapsedTime(item.ArrivedAt, _startedAt).TotalMilliseconds, runMs * item.Input.Count / Images, Images, runMs, first);

    private byte[] Joined()
    {
        if (Items.Count == 1)
        {
            return Items[0].Input.Data;
        }

        var data = new byte[Items.Sum(i => i.Input.Data.Length)];
        var at = 0;
        foreach (var item in Items)
        {
            item.Input.Data.CopyTo(data, at);
            at += item.Input.Data.Length;
        }

        return data;
    }

    // Logits are image after image, ClassCount each (none when the run keeps none).
    private static float[] Slice(Classification value, int from, int to) =>
        value.Logits.Length == 0 ? value.Logits : value.Logits[(from * value.ClassCount)..(to * value.ClassCount)];
}
