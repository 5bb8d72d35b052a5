namespace HeteroOrleans.Grains.Devices;

/// <summary>
/// The faults injected into one device (the paper's "shut down after half its tasks", a hang, a slow-down) and what
/// they do to its calls: a failed device does not refuse, it simply never answers, as a machine that shut down.
/// </summary>
internal sealed class DeviceFaults(string deviceId, int failAfterTasks)
{
    private int? _failAtTasks = failAfterTasks > 0 ? failAfterTasks : null;
    private TaskCompletionSource _silence = NewSilence();

    /// <summary>How many times slower than its profile the device runs (1: not slowed).</summary>
    public double SlowDown { get; private set; } = 1;

    /// <summary>True once the device has done <paramref name="tasksDone"/> tasks and should fail after fewer.</summary>
    public bool IsFailed(int tasksDone) => tasksDone >= _failAtTasks;

    /// <summary>Completes at once for a device that works; never (until it recovers or stops) for a failed one.</summary>
    public Task HangIfFailedAsync(int tasksDone) => IsFailed(tasksDone) ? _silence.Task : Task.CompletedTask;

    /// <summary>The device fails after <paramref name="afterTasks"/> more tasks.</summary>
    public void FailAfter(int tasksDone, int afterTasks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterTasks);
        _failAtTasks = tasksDone + afterTasks;
    }

    /// <summary>The device runs <paramref name="factor"/> times slower.</summary>
    public void Slow(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        SlowDown = factor;
    }

    /// <summary>Undoes every fault; calls left hanging while the device was down fail, their callers gave up on them long ago.</summary>
    public void Recover()
    {
        (_failAtTasks, SlowDown) = (null, 1);
        var silence = _silence;
        _silence = NewSilence();
        silence.TrySetException(new InvalidOperationException($"Device {deviceId} recovered; this call was abandoned while it was down."));
    }

    /// <summary>The device stops: calls left hanging by a failure end with it, rather than hold its silo's shutdown.</summary>
    public void Stop(string why) => _silence.TrySetException(new InvalidOperationException($"Device {deviceId} stopped ({why})."));

    private static TaskCompletionSource NewSilence() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
