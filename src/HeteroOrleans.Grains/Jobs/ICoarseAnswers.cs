namespace HeteroOrleans.Grains.Jobs;

/// <summary>Where a task's coarse answer goes the moment its end device gives it, before its fine stage may end.</summary>
internal interface ICoarseAnswers
{
    /// <summary>Task <paramref name="task"/>'s coarse stage answered with <paramref name="coarse"/>.</summary>
    void Answered(ImageTask task, InferenceResult coarse);
}
