namespace HeteroOrleans.Contracts.Jobs;

/// <summary>Which images of a job go on to the fine stage after their coarse answer.</summary>
public enum Escalation
{
    /// <summary>Every image, as in the paper: each gets a coarse and a fine answer.</summary>
    All,

    /// <summary>
    /// Only images whose coarse answer is unsure: the end model's confidence (the softmax probability of the class it
    /// predicts) is below the job's threshold. The others keep their coarse answer, and their fine answer is "not asked".
    /// </summary>
    Uncertain,

    /// <summary>
    /// A share of the images (the job's budget): the threshold is learnt from the stream's confidences as it runs, so
    /// that the share holds while the data drifts; the least confident images go on.
    /// </summary>
    Budget,
}
