namespace HeteroOrleans.Tests.Privacy;

// The shared cluster's cloud-01 is untrusted; end devices and edges are trusted.
public sealed class PrivacyTests(ClusterFixture fixture)
{
    private static readonly CifarDataset Data = SyntheticCifar.Generate(500, seed: 5);

    public static TheoryData<SchedulingScheme, PrivacyMode> EncryptingJobs => new()
    {
        { SchedulingScheme.End, PrivacyMode.EncryptAtEnd },
        { SchedulingScheme.EndCloud, PrivacyMode.EncryptAtEnd },
        { SchedulingScheme.EndEdge, PrivacyMode.EncryptAtEnd },
        { SchedulingScheme.Mapping, PrivacyMode.EncryptAtEnd },
        { SchedulingScheme.EndCloud, PrivacyMode.EncryptAtEdge },
        { SchedulingScheme.Mapping, PrivacyMode.EncryptAtEdge },
        { SchedulingScheme.Adaptive, PrivacyMode.EncryptAtEnd },
        { SchedulingScheme.Adaptive, PrivacyMode.EncryptAtEdge },
    };

    [Theory]
    [MemberData(nameof(EncryptingJobs))]
    public async Task No_raw_pixels_reach_an_untrusted_device_in_any_scheme(SchedulingScheme scheme, PrivacyMode privacy)
    {
        var before = RawAt("cloud-01");

        var report = await Run(scheme, privacy);

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(before, RawAt("cloud-01"));
        Assert.Equal(0, report.RawBatchesToUntrusted);
        var cloudTasks = report.Devices.SingleOrDefault(d => d.DeviceId == "cloud-01")?.Tasks ?? 0;
        Assert.Equal(cloudTasks, report.EncryptedBatches);
        if (scheme is SchedulingScheme.EndCloud or SchedulingScheme.Mapping)
        {
            Assert.True(cloudTasks > 0, "the untrusted cloud took part, through features only");
        }
    }

    [Fact]
    public async Task With_privacy_off_raw_pixels_do_reach_the_cloud_and_the_report_says_so()
    {
        var before = RawAt("cloud-01");

        var report = await Run(SchedulingScheme.EndCloud, PrivacyMode.Off);

        Assert.Equal(10, report.RawBatchesToUntrusted);
        Assert.Equal(before + 10, RawAt("cloud-01"));
    }

    [Theory]
    [InlineData(PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp32)]
    [InlineData(PrivacyMode.EncryptAtEdge, FeaturePrecision.Fp32)]
    public async Task Encrypting_gives_the_same_answers_as_sending_pixels(PrivacyMode privacy, FeaturePrecision precision)
    {
        var plain = await Results(PrivacyMode.Off, FeaturePrecision.Fp32);
        var encrypted = await Results(privacy, precision);

        Assert.Equal(plain.Select(r => r.FineLabel), encrypted.Select(r => r.FineLabel));
        Assert.Equal(plain.Select(r => r.CoarseLabel), encrypted.Select(r => r.CoarseLabel));
    }

    [Fact]
    public async Task Fp16_features_take_half_the_bytes_and_keep_almost_every_answer()
    {
        var fp32 = await Run(SchedulingScheme.EndCloud, PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp32);
        var fp16 = await Run(SchedulingScheme.EndCloud, PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp16);

        // Pixels travel twice (to the end device for the coarse stage, then for encryption), the same in both runs.
        var pixelBytes = 2L * Data.Count * PixelBatch.ImageBytes;
        Assert.Equal((fp32.LinkBytes - pixelBytes) / 2.0, fp16.LinkBytes - pixelBytes, 0);
        Assert.InRange(fp16.FineAccuracy!.Value, fp32.FineAccuracy!.Value - 0.02, fp32.FineAccuracy.Value + 0.02);
    }

    [Fact]
    public async Task A_deeper_cut_gives_the_same_answers_as_the_first_convolution_and_sends_fewer_bytes()
    {
        var atFirst = await Results(PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp32, "conv1");
        var deeper = await Results(PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp32, "group3.block1.add");
        var first = await Run(SchedulingScheme.EndCloud, PrivacyMode.EncryptAtEnd, split: "conv1");
        var deep = await Run(SchedulingScheme.EndCloud, PrivacyMode.EncryptAtEnd, split: "group3.block1.add");

        Assert.Equal(atFirst.Select(r => r.FineLabel), deeper.Select(r => r.FineLabel));
        Assert.True(deep.LinkBytes < first.LinkBytes, $"{deep.LinkBytes:N0} bytes at group3 against {first.LinkBytes:N0} at conv1");
        Assert.Equal(first.EncryptedBatches, deep.EncryptedBatches);
    }

    [Fact]
    public async Task Int8_features_take_about_a_quarter_of_the_bytes_and_keep_almost_every_answer()
    {
        var fp32 = await Run(SchedulingScheme.EndCloud, PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp32, split: "conv1");
        var int8 = await Run(SchedulingScheme.EndCloud, PrivacyMode.EncryptAtEnd, FeaturePrecision.Int8, split: "conv1");

        var pixelBytes = 2L * Data.Count * PixelBatch.ImageBytes;
        Assert.InRange((double)(int8.LinkBytes - pixelBytes) / (fp32.LinkBytes - pixelBytes), 0.25, 0.26);
        Assert.InRange(int8.FineAccuracy!.Value, fp32.FineAccuracy!.Value - 0.03, fp32.FineAccuracy.Value + 0.03);
    }

    [Fact]
    public async Task While_one_tasks_features_travel_its_trusted_device_already_runs_the_next_tasks_head()
    {
        var from = System.Diagnostics.Stopwatch.GetTimestamp();
        var spec = new JobSpec(SchedulingScheme.EndCloud, Devices: new DeviceLimits(Edge: 1), Latency: new LatencyOverrides(Cloud: TimeSpan.FromMilliseconds(400)),
            Privacy: PrivacyMode.EncryptAtEdge, Split: "group3.block1.add");

        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(Data, spec, null, TestContext.Current.CancellationToken);

        Assert.Equal(JobState.Completed, report.State);
        var calls = DeviceCallLog.Calls.Where(c => c.Arrived >= from).ToList();
        var heads = calls.Where(c => c is { DeviceId: "edge-01", Method: nameof(IComputeDeviceGrain.EncryptAsync) }).ToList();
        var tails = calls.Where(c => c is { DeviceId: "cloud-01", Method: nameof(IComputeDeviceGrain.ClassifyFeaturesAsync) }).ToList();
        Assert.Equal(Data.TaskCount(50), heads.Select(h => h.TaskIndex).Distinct().Count());
        // Task i's features are on the link from its head's return until its tail reaches the cloud; the one trusted
        // edge runs other tasks' heads within that time (a head that returns then ran then, however early it arrived:
        // on a busy machine the heads of all tasks may be queued at the edge from the start).
        var overlapping = tails.Count(tail => heads.Any(head => head.TaskIndex != tail.TaskIndex
            && heads.Any(own => own.TaskIndex == tail.TaskIndex && head.Returned > own.Returned && head.Returned < tail.Arrived)));
        Assert.True(overlapping >= tails.Count / 2, $"{overlapping} of {tails.Count} tasks had the next head start while their features travelled");
    }

    [Fact]
    public async Task An_untrusted_device_refuses_raw_pixels_itself()
    {
        var cloud = fixture.Cluster.Client.GetDevice(Tier.Cloud, "cloud-01");
        var batch = new PixelBatch(0, 1, new byte[PixelBatch.ImageBytes]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cloud.ClassifyAsync(batch, TestContext.Current.CancellationToken));
        Assert.Contains("untrusted", error.Message);
        Assert.Contains("cloud-01", error.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => cloud.EncryptAsync(batch with { UntrustedMaySee = true }, new FeatureCut("wrn-tiny", "conv1", FeaturePrecision.Fp32), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Encrypt_at_edge_without_a_trusted_edge_is_refused_before_any_work()
    {
        var job = fixture.Cluster.Client.GetGrain<IJobGrain>($"edge-less-{Guid.NewGuid():N}");
        var spec = new JobSpec(SchedulingScheme.EndCloud, 50, 100, "x", new DeviceLimits(Edge: 0), Privacy: PrivacyMode.EncryptAtEdge);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => job.StartAsync(spec));
        Assert.Contains("trusted edge", error.Message);
    }

    private static int RawAt(string device) => RawPixelInterceptor.Untrusted.TryGetValue(device, out var c) ? c.Raw : 0;

    private Task<JobReport> Run(SchedulingScheme scheme, PrivacyMode privacy, FeaturePrecision precision = FeaturePrecision.Fp32, string split = JobSpec.AutoSplit) =>
        new JobRunner(fixture.Cluster.Client).RunAsync(
            Data, new JobSpec(scheme, Privacy: privacy, FeaturePrecision: precision, Split: split), null, TestContext.Current.CancellationToken);

    private async Task<IReadOnlyList<ImageResult>> Results(PrivacyMode privacy, FeaturePrecision precision, string split = JobSpec.AutoSplit)
    {
        var job = fixture.Cluster.Client.GetGrain<IJobGrain>($"privacy-{Guid.NewGuid():N}");
        await job.StartAsync(new JobSpec(SchedulingScheme.EndCloud, 50, Data.Count, Data.Source, Privacy: privacy, FeaturePrecision: precision, Split: split));
        for (var t = 0; t < Data.TaskCount(50); t++)
        {
            await job.SubmitAsync(Data.CreateTask(t, 50));
        }

        await Poll.UntilAsync(job.GetReportAsync, r => r.State != JobState.Running, "the job to finish", TimeSpan.FromSeconds(60), r => $"{r.State}, {r.ImagesRecorded} images recorded");
        return await job.GetResultsAsync(0, Data.Count);
    }
}
