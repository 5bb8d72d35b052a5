using HeteroOrleans.Grains.Tracing;

namespace HeteroOrleans.UnitTests.Tracing;

public sealed class RequestTimelineTests
{
    private static readonly DateTimeOffset Arrived = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double ms) => Arrived.AddMilliseconds(ms);

    // A step from start to end: lane wait, link out, the call (queue, compute and 1 ms of messages), link back.
    private static StepTrace Step(string name, double start, double lane, double link, double queue, double compute, string device = "d") =>
        new(name, device, At(start), At(start + lane), At(start + lane + link), At(start + lane + link + queue + compute + 1),
            At(start + lane + 2 * link + queue + compute + 1), queue, compute);

    [Fact]
    public void A_coarse_then_fine_request_splits_into_the_service_wait_and_each_step_s_parts()
    {
        var coarse = Step("coarse", 5, 0, 10, 2, 3);
        var fine = Step("fine", coarse.Returned.Subtract(Arrived).TotalMilliseconds, 4, 250, 6, 20);
        var answered = fine.Returned.AddMilliseconds(2);

        var path = RequestTimeline.CriticalPath([fine, coarse], answered);
        var parts = RequestTimeline.Parts(Arrived, At(5), path);
        var split = RequestTimeline.Split(parts, (answered - Arrived).TotalMilliseconds);

        Assert.Equal([coarse, fine], path);
        Assert.Equal(["queued", "link out", "queued", "compute", "link back", "queued", "link out", "queued", "compute", "link back"], parts.Select(p => p.Name));
        Assert.Equal((5 + 2 + 4 + 6, 2 * 10 + 2 * 250, 3 + 20, 0), (split.QueueMs, split.LinkMs, split.ComputeMs, split.HeadMs));
        Assert.Equal(4, split.OtherMs, 6);
        Assert.Equal(fine.Arrived, Arrived.AddMilliseconds(parts.Single(p => p is { Step: "fine", Name: "link out" }).StartMs + 250));
    }

    [Fact]
    public void A_coarse_stage_beside_the_fine_one_is_not_on_the_path_the_answer_waited_for()
    {
        var fine = Step("fine", 0, 0, 250, 0, 20);
        var coarse = Step("coarse", 0, 0, 10, 0, 3);

        var path = RequestTimeline.CriticalPath([coarse, fine], fine.Returned);

        Assert.Equal([fine], path);
    }

    [Fact]
    public void A_step_that_ended_after_the_answer_is_left_out()
    {
        var coarse = Step("coarse", 0, 0, 10, 0, 3);
        var lateBackup = Step("fine", 30, 0, 250, 0, 20, "edge-02");

        var path = RequestTimeline.CriticalPath([coarse, lateBackup], coarse.Returned.AddMilliseconds(5));

        Assert.Equal([coarse], path);
    }

    [Fact]
    public void An_encryption_head_is_its_own_part()
    {
        var head = Step("head", 0, 0, 10, 0, 4, "end-01");
        var tail = Step("tail", head.Returned.Subtract(Arrived).TotalMilliseconds, 0, 250, 0, 15, "cloud-01");

        var parts = RequestTimeline.Parts(Arrived, Arrived, RequestTimeline.CriticalPath([head, tail], tail.Returned));

        Assert.Equal(4, parts.Single(p => p.Name == "head").DurationMs);
        Assert.Equal(15, parts.Single(p => p.Name == "compute").DurationMs);
    }

    [Fact]
    public async Task The_log_of_a_task_flows_into_the_work_it_awaits_and_not_out_of_it()
    {
        var log = new StepLog();

        async Task RunAsync()
        {
            StepLog.Current = log;
            await Task.Yield();
            StepLog.Current?.Add(Step("coarse", 0, 0, 1, 0, 1));
        }

        await RunAsync();

        Assert.Single(log.Steps);
        Assert.Null(StepLog.Current);
    }
}
