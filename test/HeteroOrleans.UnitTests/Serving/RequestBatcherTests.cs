using HeteroOrleans.Grains.Links;
using HeteroOrleans.UnitTests.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace HeteroOrleans.UnitTests.Serving;

public sealed class RequestBatcherTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    private static readonly DeviceProfile[] Devices =
        [EngineHarness.Device("end-01", Tier.End, roundTripMs: 100), EngineHarness.Device("edge-01", Tier.Edge, roundTripMs: 100)];

    [Fact]
    public void A_request_goes_at_once_and_alone_while_a_device_has_room() => GrainLikeContext.Run(async () =>
    {
        var (time, batcher, _) = Build(maxBatch: 64, maxQueueDelay: TimeSpan.FromMilliseconds(4));
        var request = Request(RequestPriority.Normal);

        batcher.Enqueue(request);

        Assert.Equal((1L, 1L), batcher.Sent);
        Assert.Equal(0, batcher.Queued);
        await RunUntilAsync(time, () => request.Result.IsCompleted);
        Assert.Equal((true, 1, 1), (request.Result.Result.Done, request.Result.Result.Coarse!.Labels.Length, request.Result.Result.Fine!.Labels.Length));
    });

    [Fact]
    public void Requests_that_find_every_device_full_queue_and_go_together_high_priority_first() => GrainLikeContext.Run(async () =>
    {
        var (time, batcher, _) = Build(maxBatch: 4);
        var requests = FillEveryDevice(batcher);

        var sentAlone = batcher.Sent.Batches;
        var normal = Enumerable.Range(0, 2).Select(_ => Request(RequestPriority.Normal)).ToList();
        var high = new PendingRequest(Enumerable.Repeat((byte)9, ServeRequest.ImageBytes).ToArray(), RequestPriority.High, Deadline);
        normal.ForEach(batcher.Enqueue);
        Assert.Equal(sentAlone, batcher.Sent.Batches);
        batcher.Enqueue(high);

        // A full batch (4 images) is queued: it goes at once, even though it must wait for room, high priority first.
        Assert.Equal(sentAlone + 1, batcher.Sent.Batches);
        Assert.Equal(4, high.Batch!.Task.Count);
        Assert.All(normal.Append(requests[^1]), r => Assert.Same(high.Batch, r.Batch));
        Assert.Equal(9, high.Batch.Task.Pixels[0]);
        Assert.Equal(0, high.Batch.Task.Pixels[ServeRequest.ImageBytes]);

        await RunUntilAsync(time, () => requests.Concat(normal).Append(high).All(r => r.Result.IsCompleted));
        Assert.All(requests.Concat(normal).Append(high), r => Assert.True(r.Result.Result.Done));
        Assert.Equal(requests.Count + normal.Count + 1, (int)batcher.Sent.Images);
    });

    [Fact]
    public void In_a_dense_stream_a_request_waits_the_queue_delay_for_others_to_join_it() => GrainLikeContext.Run(async () =>
    {
        var (time, batcher, _) = Build(maxBatch: 64, maxQueueDelay: TimeSpan.FromMilliseconds(4));
        var requests = Enumerable.Range(0, 40).Select(_ => Request(RequestPriority.Normal)).ToList();

        foreach (var request in requests)
        {
            batcher.Enqueue(request);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await EngineHarness.DrainAsync();
        }

        await RunUntilAsync(time, () => requests.All(r => r.Result.IsCompleted));
        Assert.Same(requests[^1].Batch, requests[^2].Batch);
        Assert.True(batcher.Sent.Batches <= 15, $"{batcher.Sent.Batches} batches for 40 requests a millisecond apart");
    });

    [Fact]
    public void A_request_that_ended_while_queued_is_not_sent() => GrainLikeContext.Run(async () =>
    {
        var (time, batcher, link) = Build(maxBatch: 64);
        var requests = FillEveryDevice(batcher);

        var gone = requests[^1];
        gone.End();
        await RunUntilAsync(time, () => requests.SkipLast(1).All(r => r.Result.IsCompleted));
        await RunUntilAsync(time, () => batcher.Running == 0);

        Assert.Null(gone.Batch);
        Assert.Equal(requests.Count - 1, (int)batcher.Sent.Images);
        Assert.Equal(2 * (requests.Count - 1), link.Calls.Count);
    });

    [Fact]
    public async Task Each_request_of_a_batch_gets_its_own_slice_of_the_answers()
    {
        var (first, second) = (new PendingRequest(new byte[2 * ServeRequest.ImageBytes], RequestPriority.Normal, Deadline), Request(RequestPriority.High));
        var batch = new RequestBatch(7, [first, second], DateTimeOffset.UnixEpoch, CancellationToken.None);

        batch.Answer(new InferenceResult("end-01", "silo", [4, 5, 6], [0.4f, 0.5f, 0.6f], 1, 0));
        batch.Complete(new TaskResult(null, new InferenceResult("edge-01", "silo", [40, 50, 60], [0.1f, 0.2f, 0.3f], 1, 0), false, false));

        var (firstCoarse, secondCoarse) = (await first.Coarse, await second.Coarse);
        var (firstFine, secondFine) = ((await first.Result).Fine!, (await second.Result).Fine!);
        Assert.Equal([4, 5], firstCoarse.Labels);
        Assert.Equal([6], secondCoarse.Labels);
        Assert.Equal([40, 50], firstFine.Labels);
        Assert.Equal([60], secondFine.Labels);
        Assert.Equal([0.3f], secondFine.Confidences);
    }

    [Fact]
    public void A_fine_stage_that_could_not_come_back_by_the_deadline_is_not_sent_and_the_request_ends_with_its_coarse_answer() => GrainLikeContext.Run(async () =>
    {
        // The edge's link alone takes longer than the deadline: its answer would come too late whatever it did.
        DeviceProfile[] farEdge = [EngineHarness.Device("end-01", Tier.End), EngineHarness.Device("edge-01", Tier.Edge, roundTripMs: 1500)];
        var (time, batcher, link) = Build(maxBatch: 64, devices: farEdge);
        var request = Request(RequestPriority.Normal);
        var queuedAt = time.GetTimestamp();

        batcher.Enqueue(request);
        await RunUntilAsync(time, () => request.Result.IsCompleted);

        var result = request.Result.Result;
        Assert.Equal((false, 1), (result.Done, result.Coarse!.Labels.Length));
        Assert.Null(result.Fine);
        Assert.Equal(["end-01"], link.Calls);
        Assert.True(time.GetElapsedTime(queuedAt) < Deadline, "the request waited for a fine answer that could not come");
    });

    [Fact]
    public void Fine_stages_their_device_drops_as_too_late_end_requests_with_coarse_answers_and_many_cut_the_admission_limit() => GrainLikeContext.Run(async () =>
    {
        var (time, batcher, link, book) = BuildWithBook(maxBatch: 64);
        link.TooBusy("edge-01");
        var request = Request(RequestPriority.Normal);

        batcher.Enqueue(request);
        await RunUntilAsync(time, () => request.Result.IsCompleted);

        var result = request.Result.Result;
        Assert.Equal((false, true, 1), (result.Done, result.Late, result.Coarse!.Labels.Length));
        Assert.Equal(["end-01", "edge-01"], link.Calls);

        // One given up is the odd batch a busy device drops; every one of hundreds is too many let in.
        Assert.Equal(new ServingOptions().MaxInFlight, book.Limit);
        var many = Enumerable.Range(0, 300).Select(_ => Request(RequestPriority.Normal)).ToList();
        foreach (var next in many)
        {
            batcher.Enqueue(next);
        }

        await RunUntilAsync(time, () => many.All(r => r.Result.IsCompleted));
        Assert.True(book.Limit < new ServingOptions().MaxInFlight, $"the limit stayed at {book.Limit}");
    });

    // Sends single requests until every device is full: the last one is queued.
    private static List<PendingRequest> FillEveryDevice(RequestBatcher batcher)
    {
        var requests = new List<PendingRequest>();
        while (batcher.Queued == 0)
        {
            requests.Add(Request(RequestPriority.Normal));
            batcher.Enqueue(requests[^1]);
        }

        return requests;
    }

    private static PendingRequest Request(RequestPriority priority) => new(new byte[ServeRequest.ImageBytes], priority, Deadline);

    private static (FakeTimeProvider Time, RequestBatcher Batcher, FakeDeviceLink Link) Build(
        int maxBatch, TimeSpan maxQueueDelay = default, DeviceProfile[]? devices = null)
    {
        var (time, batcher, link, _) = BuildWithBook(maxBatch, maxQueueDelay, devices);
        return (time, batcher, link);
    }

    private static (FakeTimeProvider Time, RequestBatcher Batcher, FakeDeviceLink Link, ServingBook Book) BuildWithBook(
        int maxBatch, TimeSpan maxQueueDelay = default, DeviceProfile[]? devices = null)
    {
        var profiles = devices ?? Devices;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var link = new FakeDeviceLink(time);
        var options = new ServingOptions { MaxBatch = maxBatch, MaxQueueDelay = maxQueueDelay, Privacy = PrivacyMode.Off };
        var spec = options.ToSpec();
        var chosen = JobDevices.Select(spec, profiles, time);
        var book = new ServingBook(options, time);
        var ports = new JobPorts(link, new FakeDeviceMonitor(profiles), ServiceOutbox.Instance, time, NullLogger.Instance, new LinkMeter(time));
        var batcher = new RequestBatcher(
            answers => TaskPipeline.Build("serve-1", spec, chosen, new CutTable(new Dictionary<string, FeatureCut>()), new JobCounters(), new UsageMeter(), answers, ports, 0),
            options, time, book, CancellationToken.None);
        return (time, batcher, link, book);
    }

    private static async Task RunUntilAsync(FakeTimeProvider time, Func<bool> done)
    {
        await EngineHarness.DrainAsync();
        for (var step = 0; !done(); step++)
        {
            Assert.True(step < 10_000, "not done after 50 s of fake time");
            time.Advance(TimeSpan.FromMilliseconds(5));
            await EngineHarness.DrainAsync();
        }
    }
}
