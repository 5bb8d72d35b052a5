namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Each answer as it comes: how long its images waited since the job took their task in, and the answers themselves for
/// the job's followers. Images not sent on to the fine stage have no fine answer.
/// </summary>
internal sealed class JobAnswers(AnswerLatencies latencies, IJobOutbox outbox, TimeProvider time) : ICoarseAnswers
{
    private readonly Dictionary<int, long> _takenAt = [];

    /// <summary>The job took <paramref name="task"/> in now.</summary>
    public void Taken(ImageTask task) => _takenAt[task.TaskIndex] = time.GetTimestamp();

    /// <summary>The task has settled: its wait is over.</summary>
    public void Forget(ImageTask task) => _takenAt.Remove(task.TaskIndex);

    /// <inheritdoc />
    public void Answered(ImageTask task, InferenceResult coarse)
    {
        var waited = SinceTaken(task);
        latencies.Coarse(task.FirstImageId, task.Count, waited);
        Publish(task, AnswerStage.Coarse, coarse, waited);
    }

    /// <summary>Task <paramref name="task"/>'s fine stage answered with <paramref name="fine"/> (-1 for images not sent on).</summary>
    public void FineAnswered(ImageTask task, InferenceResult fine)
    {
        var waited = SinceTaken(task);
        latencies.Fine(task.FirstImageId, fine.Labels, waited);
        Publish(task, AnswerStage.Fine, fine, waited);
    }

    private void Publish(ImageTask task, AnswerStage stage, InferenceResult result, double waited)
    {
        var answers = new List<ImageAnswer>(task.Count);
        for (var i = 0; i < task.Count && i < result.Labels.Length; i++)
        {
            if (result.Labels[i] >= 0)
            {
                answers.Add(new ImageAnswer(task.FirstImageId + i, stage, result.Labels[i], result.Confidences[i], result.DeviceId, waited, result.Model.Length == 0 ? null : result.Model));
            }
        }

        if (answers.Count > 0)
        {
            outbox.Publish(answers);
        }
    }

    // Milliseconds since this activation took the task in: what the user who submitted it has waited.
    private double SinceTaken(ImageTask task) =>
        _takenAt.TryGetValue(task.TaskIndex, out var at) ? time.GetElapsedTime(at).TotalMilliseconds : double.NaN;
}
