using HeteroOrleans.Client;
using HeteroOrleans.Grains.Links;
using Microsoft.Extensions.Logging.Abstractions;

namespace HeteroOrleans.UnitTests.Engine;

/// <summary>
/// A job's engine on fake devices, a fake monitor and a fake clock, built as its grain builds it (<see cref="JobEngine"/>):
/// what a test submits runs as in a cluster, with time moving only when the test moves it.
/// </summary>
internal sealed class EngineHarness : IJobOutbox
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);
    private LinkMeter? _links;

    public EngineHarness(JobSpec spec, params DeviceProfile[] devices)
    {
        Link = new FakeDeviceLink(Time);
        Monitor = new FakeDeviceMonitor(devices);
        Spec = spec;
        var record = new JobRecord { Spec = spec, State = JobState.Running, Devices = [.. devices] };
        Job = JobEngine.Build("job-1", record, new JobPorts(Link, Monitor, this, Time, NullLogger.Instance, Links));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeDeviceLink Link { get; }

    /// <summary>The links as the job's transfers measured them.</summary>
    public LinkMeter Links => _links ??= new LinkMeter(Time);

    public FakeDeviceMonitor Monitor { get; }

    public JobSpec Spec { get; }

    public JobExecution Job { get; }

    /// <summary>True once the job said every task has settled.</summary>
    public bool Settled { get; private set; }

    /// <summary>A device of <paramref name="tier"/>, trusted, 1 ms per image, on a link of <paramref name="roundTripMs"/>.</summary>
    public static DeviceProfile Device(string id, Tier tier, double roundTripMs = 0) =>
        new(id, tier, "model", Trusted: true, new LinkProfile(roundTripMs, 0), ComputeMode.Emulated, IntraOpThreads: 1, MsPerImage: 1);

    /// <summary>Takes in every task of the spec's images (synthetic pixels).</summary>
    public async Task SubmitAllAsync()
    {
        var data = SyntheticCifar.Generate(Spec.ImageCount);
        for (var task = 0; task < Spec.TaskCount; task++)
        {
            Assert.True(await Job.TryTakeAsync(data.CreateTask(task, Spec.BatchSize), TimeSpan.Zero));
        }
    }

    /// <summary>Moves the clock on, a few milliseconds at a time, letting the engine run between steps, until <paramref name="done"/> holds.</summary>
    /// <exception cref="TimeoutException"><paramref name="limit"/> of fake time passed first.</exception>
    public async Task RunUntilAsync(Func<bool> done, TimeSpan limit)
    {
        var end = Time.GetUtcNow() + limit;
        await DrainAsync();
        while (!done())
        {
            if (Time.GetUtcNow() >= end)
            {
                throw new TimeoutException($"Not done after {limit.TotalSeconds} s of fake time.");
            }

            Time.Advance(Step);
            await DrainAsync();
        }
    }

    /// <summary>Lets <paramref name="duration"/> of fake time pass, the engine running as it goes.</summary>
    public Task PassAsync(TimeSpan duration)
    {
        var end = Time.GetUtcNow() + duration;
        return RunUntilAsync(() => Time.GetUtcNow() >= end, duration + Step);
    }

    /// <summary>Runs the job until every task has settled.</summary>
    public Task RunToEndAsync(TimeSpan? limit = null) => RunUntilAsync(() => Settled, limit ?? TimeSpan.FromMinutes(1));

    /// <summary>The coarse device each image's result came from.</summary>
    public IReadOnlyList<string> CoarseDevices() => [.. Job.Results.Ledger.Results(0, Spec.ImageCount).Select(r => r.CoarseDevice)];

    void IJobOutbox.Changed()
    {
    }

    void IJobOutbox.Publish(IReadOnlyList<ImageAnswer> answers)
    {
    }

    void IJobOutbox.Settled() => Settled = true;

    // Lets everything already posted to the engine's thread run, and what that posts in turn. A continuation the
    // runtime sends by way of the thread pool (one forced to run asynchronously, or a Task.WaitAsync completing) reaches
    // the engine's thread a moment later: once nothing is queued, the drain waits a millisecond of real time for such
    // stragglers before it lets the fake clock move on.
    public static async Task DrainAsync()
    {
        var context = (GrainLikeContext)SynchronizationContext.Current!;
        do
        {
            do
            {
                await Task.Yield();
            }
            while (context.Pending > 0);
        }
        while (SpinWait.SpinUntil(() => context.Pending > 0, TimeSpan.FromMilliseconds(1)));
    }
}
