using HeteroOrleans.Grains.Jobs;

namespace HeteroOrleans.UnitTests.Escalation;

public sealed class EscalationFilterTests
{
    private static readonly PixelBatch Batch = new(7, 4, Enumerable.Range(0, 4).SelectMany(i => Enumerable.Repeat((byte)(i + 1), PixelBatch.ImageBytes)).ToArray());
    private static readonly InferenceResult Coarse = new("end-01", "silo", [3, 4, 5, 6], [0.95f, 0.40f, 0.80f, 0.10f], 1, 0);

    [Fact]
    public void Escalating_all_sends_the_whole_task_on()
    {
        var (fine, positions) = new EscalationFilter(new JobSpec()).Select(Coarse, Batch);

        Assert.Same(Batch, fine);
        Assert.Equal([0, 1, 2, 3], positions);
    }

    [Fact]
    public void Only_images_below_the_threshold_go_on_with_their_own_pixels()
    {
        var (fine, positions) = new EscalationFilter(new JobSpec(Escalate: Contracts.Jobs.Escalation.Uncertain, EscalationThreshold: 0.8)).Select(Coarse, Batch);

        Assert.Equal([1, 3], positions);
        Assert.Equal(2, fine!.Count);
        Assert.Equal(7, fine.TaskIndex);
        Assert.All(fine.Pixels.Take(PixelBatch.ImageBytes), b => Assert.Equal(2, b));
        Assert.All(fine.Pixels.Skip(PixelBatch.ImageBytes), b => Assert.Equal(4, b));
    }

    [Fact]
    public void A_task_the_end_model_is_sure_of_asks_nothing_more()
    {
        var (fine, positions) = new EscalationFilter(new JobSpec(Escalate: Contracts.Jobs.Escalation.Uncertain, EscalationThreshold: 0.05)).Select(Coarse, Batch);

        Assert.Null(fine);
        Assert.Empty(positions);
    }

    [Fact]
    public void Fine_answers_join_the_task_in_place_and_the_rest_are_not_asked()
    {
        var fine = new InferenceResult("edge-01", "silo", [41, 43], [0.6f, 0.7f], 1, 0);

        var joined = EscalationFilter.Expand(fine, [1, 3], 4);

        Assert.Equal([-1, 41, -1, 43], joined.Labels);
        Assert.Equal("edge-01", joined.DeviceId);
    }
}
