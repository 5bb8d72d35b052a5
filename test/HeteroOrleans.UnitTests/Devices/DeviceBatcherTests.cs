using HeteroOrleans.Grains.Devices;
using HeteroOrleans.Inference.Runtime;
using static HeteroOrleans.UnitTests.Infrastructure.Waiting;

namespace HeteroOrleans.UnitTests.Devices;

public sealed class DeviceBatcherTests
{
    private readonly Queue<Action> _cores = new();
    private readonly List<int> _runs = [];
    private readonly FakeTimeProvider _time = new();

    // The device's recent pace, as its meter gives it; 0 before its first run.
    private double _msPerImage;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A device whose compute waits until the test lets the oldest queued run start: its work then takes what waits.
    private DeviceBatcher Batcher(int maxBatch = 128, TimeSpan delay = default, bool exactPace = false) => new(maxBatch, delay, (work, _) =>
    {
        var done = new TaskCompletionSource<Timed<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _cores.Enqueue(() =>
        {
            try
            {
                done.SetResult(new Timed<int>(work(), 0, 10));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }, () => _msPerImage, exactPace, _time);

    // One byte per image, whose value the "model" answers as the label: each caller must get its own images' answers back.
    private BatchInput Work(string kind, params byte[] images) => Within(0, kind, images);

    // Work whose answer is of use for withinMs after it arrives (0: always).
    private BatchInput Within(double withinMs, string kind, params byte[] images) => new(kind, images, images.Length, (data, count) =>
    {
        _runs.Add(count);
        if (data.Contains((byte)99))
        {
            throw new InvalidOperationException("bad image");
        }

        return new Classification([.. data.Select(b => (int)b)], new float[count], [], 100);
    }, _ => null, withinMs);

    private void Start() => _cores.Dequeue()();

    [Fact]
    public async Task Work_that_queues_while_the_run_waits_for_a_core_runs_in_it_and_each_caller_gets_its_own_answers()
    {
        var batcher = Batcher();
        var first = batcher.AddAsync(Work("pixels", 1, 2), false, () => { }, Ct);
        var second = batcher.AddAsync(Work("pixels", 3), false, () => { }, Ct);
        var third = batcher.AddAsync(Work("pixels", 4, 5, 6), false, () => { }, Ct);
        Assert.Single(_cores);

        Start();
        var shares = await Task.WhenAll(first, second, third);

        Assert.Equal([6], _runs);
        Assert.Equal([[1, 2], [3], [4, 5, 6]], shares.Select(s => s.Value.Labels));
        Assert.All(shares, s => Assert.Equal(6, s.BatchImages));
        Assert.Equal([10.0 * 2 / 6, 10.0 / 6, 10.0 * 3 / 6], shares.Select(s => s.RunMs));
        Assert.Equal([true, false, false], shares.Select(s => s.First));
        Assert.Empty(_cores);
    }

    [Fact]
    public async Task A_batch_holds_at_most_the_maximum_and_what_is_left_has_a_run_of_its_own()
    {
        var batcher = Batcher(maxBatch: 4);
        var works = new[] { Work("pixels", 1, 1, 1), Work("pixels", 2), Work("pixels", 3, 3) }.Select(w => batcher.AddAsync(w, false, () => { }, Ct)).ToList();

        Start();
        Start();
        await Task.WhenAll(works);

        Assert.Equal([4, 2], _runs);
    }

    [Fact]
    public async Task High_priority_work_goes_first_and_kinds_do_not_mix()
    {
        var batcher = Batcher(maxBatch: 2);
        var normal = batcher.AddAsync(Work("pixels", 1), false, () => { }, Ct);
        var tail = batcher.AddAsync(Work("tail", 2), true, () => { }, Ct);
        var high = batcher.AddAsync(Work("pixels", 3), true, () => { }, Ct);

        Start();
        Start();
        await Task.WhenAll(normal, tail, high);
        Assert.Empty(_cores);

        // The first run takes the oldest high-priority work ("tail") and only its kind; the pixels of both classes run next.
        Assert.Equal([1, 2], _runs);
        Assert.Equal(1, (await tail).BatchImages);
        Assert.Equal(2, (await high).BatchImages);
    }

    [Fact]
    public async Task Work_cancelled_while_it_waits_ends_at_once_and_never_runs()
    {
        var batcher = Batcher();
        using var gaveUp = new CancellationTokenSource();
        var kept = batcher.AddAsync(Work("pixels", 1), false, () => { }, Ct);
        var cancelled = batcher.AddAsync(Work("pixels", 2), false, () => { }, gaveUp.Token);

        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Start();

        var answered = await kept;
        Assert.Equal([1], answered.Value.Labels);
        Assert.Equal([1], _runs);
    }

    [Fact]
    public async Task Work_that_fails_its_batch_fails_alone_and_the_rest_is_answered()
    {
        var batcher = Batcher();
        var bad = batcher.AddAsync(Work("pixels", 99), false, () => { }, Ct);
        var alongside = batcher.AddAsync(Work("pixels", 1), false, () => { }, Ct);
        Start();
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        var answered = await alongside;
        Assert.Equal([1], answered.Value.Labels);
        Assert.Equal([2, 1, 1], _runs);

        var later = batcher.AddAsync(Work("pixels", 2), false, () => { }, Ct);
        Start();
        answered = await later;
        Assert.Equal([2], answered.Value.Labels);
    }

    [Fact]
    public async Task With_a_queue_delay_lone_work_waits_for_company_until_the_delay_or_a_full_batch()
    {
        var batcher = Batcher(maxBatch: 3, delay: TimeSpan.FromMilliseconds(5));
        var lone = batcher.AddAsync(Work("pixels", 1), false, () => { }, Ct);
        await Task.Yield();
        Assert.Empty(_cores);

        _time.Advance(TimeSpan.FromMilliseconds(5));
        await Until(() => _cores.Count == 1, "the run after the queue delay");
        Start();
        await lone;

        var waiting = batcher.AddAsync(Work("pixels", 2), false, () => { }, Ct);
        var filling = batcher.AddAsync(Work("pixels", 3, 4), false, () => { }, Ct);
        await Until(() => _cores.Count == 1, "the run of a full batch");
        Start();
        await Task.WhenAll(waiting, filling);
        Assert.Equal([1, 3], _runs);
    }

    [Fact]
    public async Task Work_whose_answer_would_come_too_late_at_the_devices_pace_is_dropped_unrun_and_the_rest_runs()
    {
        var batcher = Batcher();
        var first = batcher.AddAsync(Work("pixels", 1), false, () => { }, Ct);
        Start();
        await first;
        _msPerImage = 10;

        // The device's pace is now 10 ms an image. After 40 ms of waiting, two more images (20 ms) pass a 50 ms limit;
        // one joined with the work that has a second to spare does not.
        var tight = batcher.AddAsync(Within(50, "pixels", 2, 3), false, () => { }, Ct);
        var roomy = batcher.AddAsync(Within(1000, "pixels", 4), false, () => { }, Ct);
        _time.Advance(TimeSpan.FromMilliseconds(40));
        Start();

        var expired = await Assert.ThrowsAsync<WorkExpiredException>(() => tight);
        Assert.Contains("50 ms", expired.Message, StringComparison.Ordinal);
        var answered = await roomy;
        Assert.Equal([4], answered.Value.Labels);
        Assert.Equal([1, 1], _runs);
        Assert.Empty(_cores);
    }

    [Fact]
    public async Task Before_its_first_run_a_device_drops_only_work_already_past_its_limit()
    {
        var batcher = Batcher();
        var late = batcher.AddAsync(Within(5, "pixels", 1), false, () => { }, Ct);
        var inTime = batcher.AddAsync(Within(100, "pixels", 2, 3, 4), false, () => { }, Ct);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        Start();

        await Assert.ThrowsAsync<WorkExpiredException>(() => late);
        var answered = await inTime;
        Assert.Equal([2, 3, 4], answered.Value.Labels);
        Assert.Equal([3], _runs);
    }

    [Fact]
    public async Task A_device_whose_pace_is_exact_keeps_work_that_one_run_at_that_pace_still_answers_in_time()
    {
        // 20 ms waited, two images at 10 ms: done at 40 of the 50 ms allowed, but not at twice the pace (60).
        var exact = Batcher(exactPace: true);
        var shared = Batcher();
        _msPerImage = 10;
        var kept = exact.AddAsync(Within(50, "pixels", 1, 2), false, () => { }, Ct);
        var dropped = shared.AddAsync(Within(50, "pixels", 1, 2), false, () => { }, Ct);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Start();
        Start();

        var answered = await kept;
        Assert.Equal([1, 2], answered.Value.Labels);
        await Assert.ThrowsAsync<WorkExpiredException>(() => dropped);
    }
}
