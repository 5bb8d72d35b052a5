namespace HeteroOrleans.Grains.Jobs;

/// <summary>What a running job tells its grain: that its state changed (to be stored), answers for its followers, and its end.</summary>
internal interface IJobOutbox
{
    /// <summary>The job's state changed: it is to be stored soon.</summary>
    void Changed();

    /// <summary>A task's answers of one stage, as they come, for the job's followers.</summary>
    void Publish(IReadOnlyList<ImageAnswer> answers);

    /// <summary>Every task has settled (a result, or given up).</summary>
    void Settled();
}
