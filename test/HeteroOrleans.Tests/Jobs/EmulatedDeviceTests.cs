namespace HeteroOrleans.Tests.Jobs;

public sealed class EmulatedDeviceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_emulated_device_answers_like_the_real_model_and_reports_its_profile_time()
    {
        var task = SyntheticCifar.Generate(50, seed: 21).CreateTask(0, 50);
        var device = fixture.Cluster.Client.GetDevice(Tier.End, "end-05-emu");

        var first = await device.ClassifyAsync(new PixelBatch(0, 50, task.Pixels), TestContext.Current.CancellationToken);
        var second = await device.ClassifyAsync(new PixelBatch(1, 50, task.Pixels), TestContext.Current.CancellationToken);

        using var real = ModelStore.Open(TestPaths.NewModelsDirectory()).OpenClassifier("mobilenet-tiny", SessionTuning.Default);
        var expected = real.Classify(task.Pixels, 50).Labels;
        Assert.Equal(expected, first.Labels);
        Assert.Equal(expected, second.Labels);

        // The profile says 2 ms per image: a batch of 50 keeps the device busy at least 100 ms, cached or not.
        Assert.True(second.ComputeMs >= 100, $"emulated batch took {second.ComputeMs} ms");
        var status = await device.GetStatusAsync();
        Assert.Equal(ComputeMode.Emulated, status.Profile.ComputeMode);
    }
}
