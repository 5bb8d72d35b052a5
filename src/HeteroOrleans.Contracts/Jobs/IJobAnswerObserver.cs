using Orleans.Concurrency;

namespace HeteroOrleans.Contracts.Jobs;

/// <summary>Receives a job's answers as they come: each task's coarse answers when its end device answers, its fine ones later.</summary>
public interface IJobAnswerObserver : IGrainObserver
{
    /// <summary>A task's answers of one stage. The same answer may come twice (a task done again after its silo died).</summary>
    [OneWay]
    Task OnAnswersAsync(IReadOnlyList<ImageAnswer> answers);
}
