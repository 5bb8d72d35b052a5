using System.Runtime.CompilerServices;
using System.Threading.Channels;
using HeteroOrleans.Contracts.Jobs;

namespace HeteroOrleans.Client;

/// <summary>
/// A job's answers as they come: each image's coarse answer when its end device gives it, its fine answer later. The
/// job pushes them to this follower (an Orleans observer); the follower renews its subscription every few seconds, so
/// that a job that came back on another silo pushes to it again, and once the job ends it reads the job's record for
/// any answer it missed meanwhile. Each image's answer of each stage comes once.
/// </summary>
public sealed class JobFollower : IJobAnswerObserver
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StatePoll = TimeSpan.FromMilliseconds(250);

    // Answers the job sent just before it ended may still be on their way when its end is read.
    private static readonly TimeSpan LastAnswers = TimeSpan.FromMilliseconds(300);
    private readonly Channel<ImageAnswer> _answers = Channel.CreateUnbounded<ImageAnswer>(new UnboundedChannelOptions { SingleReader = true });

    private JobFollower()
    {
    }

    /// <inheritdoc />
    public Task OnAnswersAsync(IReadOnlyList<ImageAnswer> answers)
    {
        foreach (var answer in answers)
        {
            _answers.Writer.TryWrite(answer);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The answers of job <paramref name="jobId"/> from now until it ends (it may not have started yet). Answers read
    /// back from the job's record have no confidence or latency (NaN).
    /// </summary>
    public static async IAsyncEnumerable<ImageAnswer> FollowAsync(IGrainFactory grains, string jobId, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var follower = new JobFollower();
        var reference = grains.CreateObjectReference<IJobAnswerObserver>(follower);
        var job = grains.GetGrain<IJobGrain>(jobId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var watch = follower.WatchAsync(job, reference, stop.Token);
        var seen = new HashSet<(int, AnswerStage)>();

        // Pushed answers may overtake one another on the way: a fine answer waits here for its image's coarse one.
        var early = new Dictionary<int, ImageAnswer>();
        try
        {
            await foreach (var answer in follower._answers.Reader.ReadAllAsync(cancellation))
            {
                if (answer.Stage == AnswerStage.Fine && !seen.Contains((answer.ImageId, AnswerStage.Coarse)))
                {
                    early.TryAdd(answer.ImageId, answer);
                    continue;
                }

                if (seen.Add((answer.ImageId, answer.Stage)))
                {
                    yield return answer;
                }

                if (answer.Stage == AnswerStage.Coarse && early.Remove(answer.ImageId, out var fine) && seen.Add((fine.ImageId, AnswerStage.Fine)))
                {
                    yield return fine;
                }
            }

            var size = await watch;
            foreach (var result in size > 0 ? await job.GetResultsAsync(0, size) : [])
            {
                if (seen.Add((result.ImageId, AnswerStage.Coarse)))
                {
                    yield return new ImageAnswer(result.ImageId, AnswerStage.Coarse, result.CoarseLabel, float.NaN, result.CoarseDevice, double.NaN, result.CoarseModel);
                }

                if (result is { FineLabel: >= 0, FineDevice: { } fineDevice } && seen.Add((result.ImageId, AnswerStage.Fine)))
                {
                    yield return early.GetValueOrDefault(result.ImageId)
                        ?? new ImageAnswer(result.ImageId, AnswerStage.Fine, result.FineLabel, float.NaN, fineDevice, double.NaN, result.FineModel);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await watch.ContinueWith(_ => { }, TaskScheduler.Default);
            grains.DeleteObjectReference<IJobAnswerObserver>(reference);
        }
    }

    // Keeps the subscription renewed until the job ends, then closes the answers; returns the job's image count. A call
    // that fails (a silo gone, the job moving) is tried again at the next turn.
    private async Task<int> WatchAsync(IJobGrain job, IJobAnswerObserver reference, CancellationToken cancellation)
    {
        var renewed = DateTime.MinValue;
        var activation = 0;
        try
        {
            while (true)
            {
                // Renewing and reading the job's state fail or succeed apart: a silo that cannot take the subscription
                // (gone, moving, or of another version) must not keep the follower from seeing the job end.
                try
                {
                    if (DateTime.UtcNow - renewed >= Renewal)
                    {
                        renewed = DateTime.UtcNow;
                        await job.FollowAsync(reference);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                }

                try
                {
                    var progress = await job.GetProgressAsync();
                    if (progress.State is JobState.Completed or JobState.Failed or JobState.Cancelled)
                    {
                        await Task.Delay(LastAnswers, cancellation);
                        return (await job.GetReportAsync()).Spec.ImageCount;
                    }

                    if (progress.Activation != activation)
                    {
                        // A job that came back on another silo lost its followers: renew at once.
                        (renewed, activation) = (DateTime.MinValue, progress.Activation);
                        continue;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                }

                await Task.Delay(StatePoll, cancellation);
            }
        }
        finally
        {
            _answers.Writer.TryComplete();
        }
    }
}
